namespace SocialFirst.Core.Triage.Policies;

/// <summary>What a (re)load of the policy sources did.</summary>
/// <param name="Loaded">Brand id → version now in force from a valid document.</param>
/// <param name="Rejected">Brand id → why its document was refused (the previous version, if any, stays in force).</param>
public sealed record PolicyReloadReport(IReadOnlyDictionary<string, string> Loaded, IReadOnlyDictionary<string, IReadOnlyList<string>> Rejected)
{
    public bool AllValid => Rejected.Count == 0;
}
