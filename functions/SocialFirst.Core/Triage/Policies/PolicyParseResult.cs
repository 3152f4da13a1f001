namespace SocialFirst.Core.Triage.Policies;

/// <summary>The outcome of <see cref="UrgencyPolicyDocument.Parse"/>: a policy, or the reasons it was refused.</summary>
/// <param name="Policy">The policy; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Brand">The document's <c>brand</c>, if it names one.</param>
/// <param name="Errors">One message per problem, each starting with the JSON path ("$.weights.reach: ...").</param>
public sealed record PolicyParseResult(UrgencyPolicy? Policy, string? Brand, IReadOnlyList<string> Errors)
{
    public bool IsValid => Policy is not null && Errors.Count == 0;
}
