namespace SocialFirst.Core.Mentions;

/// <summary>Where a mention was made. Facebook and Instagram arrive through the one Meta webhook.</summary>
public enum Platform
{
    Facebook,
    Instagram,
    X,
    WeChat,
    Weibo,
    Generic,
}
