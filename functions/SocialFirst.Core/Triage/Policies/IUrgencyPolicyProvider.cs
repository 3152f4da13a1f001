namespace SocialFirst.Core.Triage.Policies;

/// <summary>The urgency policy in force for a brand.</summary>
public interface IUrgencyPolicyProvider
{
    /// <summary>The brand's own policy, or the deployment's default policy when the brand has none. Never null.</summary>
    UrgencyPolicy GetPolicy(string brandId);
}

/// <summary>One policy for every brand (tests, tools, and the old single-policy composition).</summary>
public sealed class StaticUrgencyPolicyProvider(UrgencyPolicy policy) : IUrgencyPolicyProvider
{
    private readonly UrgencyPolicy _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    public UrgencyPolicy GetPolicy(string brandId) => _policy;
}
