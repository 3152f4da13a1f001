namespace SocialFirst.Functions.Hosting;

/// <summary>
/// How the app runs. Under the Functions host it is a custom handler listening on <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>;
/// without a host (local work, tests) it is standalone and drives the queue and timer functions itself.
/// </summary>
public sealed record HostingMode(bool IsStandalone, int? CustomHandlerPort)
{
    public static HostingMode Detect(string[] args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var portText = environment("FUNCTIONS_CUSTOMHANDLER_PORT") ?? environment("FUNCTIONS_HTTPWORKER_PORT");
        var forced = args.Contains("--standalone", StringComparer.OrdinalIgnoreCase);
        if (!forced && int.TryParse(portText, out var port) && port is > 0 and < 65536)
        {
            return new HostingMode(false, port);
        }

        return new HostingMode(true, null);
    }

    public string Name => IsStandalone ? "standalone" : "custom-handler";
}
