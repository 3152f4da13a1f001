using System.Text;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Templates;

/// <summary>How a platform counts the length of a message.</summary>
public enum LengthUnit
{
    /// <summary>Unicode characters (code points; a CJK character is one).</summary>
    Characters,

    /// <summary>UTF-8 bytes.</summary>
    Utf8Bytes,

    /// <summary>X's weighted count: most Latin/Cyrillic/Greek-range characters 1, CJK and emoji 2.</summary>
    XWeighted,
}

/// <summary>A platform's length limit for one channel.</summary>
public readonly record struct MessageLimit(int Max, LengthUnit Unit, string Source);

/// <summary>Message length limits per platform and channel (see docs/escalation.md for how sure each one is).</summary>
public static class MessageLimits
{
    private static readonly Platform[] PrivatePlatforms = [Platform.Facebook, Platform.Instagram, Platform.X, Platform.WeChat, Platform.Weibo];
    private static readonly Platform[] PublicPlatforms = [Platform.X];

    /// <summary>The platforms a channel is used on: private everywhere we can message; public replies only on X.</summary>
    public static IReadOnlyList<Platform> PlatformsFor(TemplateChannel channel) =>
        channel == TemplateChannel.Public ? PublicPlatforms : PrivatePlatforms;

    /// <summary>The limit for <paramref name="platform"/> and <paramref name="channel"/>.</summary>
    public static MessageLimit For(Platform platform, TemplateChannel channel) => (platform, channel) switch
    {
        (Platform.X, TemplateChannel.Public) => new(280, LengthUnit.XWeighted, "X post: 280 weighted characters"),
        (Platform.X, _) => new(10_000, LengthUnit.Characters, "X DM: 10,000 characters"),
        (Platform.Weibo, _) => new(300, LengthUnit.Characters, "Weibo private message: 300 characters"),
        (Platform.Facebook, _) => new(2_000, LengthUnit.Characters, "Messenger text: 2,000 characters (secondary)"),
        (Platform.Instagram, _) => new(1_000, LengthUnit.Utf8Bytes, "Instagram message text: 1,000 bytes (secondary)"),
        (Platform.WeChat, _) => new(600, LengthUnit.Characters, "WeChat: no documented limit; house limit 600 characters"),
        _ => new(2_000, LengthUnit.Characters, "house limit 2,000 characters"),
    };

    /// <summary>The length of <paramref name="text"/> in <paramref name="unit"/>.</summary>
    public static int Measure(string text, LengthUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (unit)
        {
            case LengthUnit.Utf8Bytes:
                return Encoding.UTF8.GetByteCount(text);
            case LengthUnit.XWeighted:
                var weight = 0;
                foreach (var rune in text.EnumerateRunes())
                {
                    weight += XWeight(rune);
                }

                return weight;
            default:
                var count = 0;
                foreach (var unused in text.EnumerateRunes())
                {
                    count++;
                }

                return count;
        }
    }

    /// <summary>The most one character of a substituted value can count in <paramref name="unit"/> (for load-time checks).</summary>
    public static int WorstCasePerCharacter(LengthUnit unit) => unit switch
    {
        LengthUnit.Utf8Bytes => 4,
        LengthUnit.XWeighted => 2,
        _ => 1,
    };

    // twitter-text v3 weighting: these ranges count 1, everything else 2 (no URL shortening is modelled).
    private static int XWeight(Rune rune) => rune.Value switch
    {
        <= 0x10FF => 1,
        >= 0x2000 and <= 0x200D => 1,
        >= 0x2010 and <= 0x201F => 1,
        >= 0x2032 and <= 0x2037 => 1,
        _ => 2,
    };
}
