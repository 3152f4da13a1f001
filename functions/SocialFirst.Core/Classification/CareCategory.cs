namespace SocialFirst.Core.Classification;

/// <summary>The care categories a mention can fall into (several at once). Values are stable wire names.</summary>
public static class CareCategory
{
    public const string Safety = "safety";
    public const string Legal = "legal";
    public const string Security = "security";
    public const string Billing = "billing";
    public const string ServiceFailure = "service_failure";
    public const string Churn = "churn";
    public const string PrivateHelp = "private_help";
    public const string Praise = "praise";
    public const string Question = "question";
    public const string Spam = "spam";
    public const string Rumour = "rumour";

    public static IReadOnlyList<string> All { get; } =
        [Safety, Legal, Security, Billing, ServiceFailure, Churn, PrivateHelp, Praise, Question, Spam, Rumour];
}
