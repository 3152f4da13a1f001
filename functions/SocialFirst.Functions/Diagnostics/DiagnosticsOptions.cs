using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Functions.Diagnostics;

/// <summary>Opt-in diagnostics of the app itself (off by default; meant for load tests and incident digging).</summary>
public sealed class DiagnosticsOptions
{
    public const string SectionName = "Diagnostics";

    /// <summary>
    /// Logs, at Warning (event 6201), every webhook acknowledgement that takes at least this many milliseconds, with the
    /// duration of each step, the storage HTTP tries and connection waits under it, the GC pause time during the call and
    /// the thread-pool queue at its end. 0 (default) turns the log off and adds no listener.
    /// </summary>
    [Range(0, 600_000)]
    public int SlowCallLogMs { get; set; }
}
