namespace SocialFirst.Core.Ingestion;

/// <summary>The outcome of checking a delivery's signature. <see cref="Reason"/> never contains secrets or body text.</summary>
public readonly record struct SignatureCheck(bool IsValid, string Reason)
{
    public static SignatureCheck Valid { get; } = new(true, "ok");

    public static SignatureCheck Invalid(string reason) => new(false, reason);
}
