using System.Globalization;

namespace SocialFirst.Platforms.Common;

/// <summary>The platforms' time formats, converted to UTC <see cref="DateTimeOffset"/>s.</summary>
public static class PlatformTime
{
    /// <summary>Below this a Unix value is taken as seconds, above it as milliseconds (1e11 s is the year 5138, 1e11 ms is 1973).</summary>
    private const long MillisecondsThreshold = 100_000_000_000;

    public static bool TryFromUnixSeconds(long seconds, out DateTimeOffset value)
    {
        value = default;
        if (seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    public static bool TryFromUnixMilliseconds(long milliseconds, out DateTimeOffset value)
    {
        value = default;
        if (milliseconds < 0 || milliseconds > 253_402_300_799_999)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>
    /// For fields whose unit differs between Meta products (entry.time is seconds for Page feed, milliseconds for
    /// messaging): decides by magnitude.
    /// </summary>
    public static bool TryFromUnixAuto(long value, out DateTimeOffset result) =>
        value >= MillisecondsThreshold ? TryFromUnixMilliseconds(value, out result) : TryFromUnixSeconds(value, out result);

    /// <summary>The Twitter v1.1 / Weibo format: <c>Wed Oct 10 20:19:24 +0000 2018</c>.</summary>
    public static bool TryParseClassicTwitter(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null
            || !DateTimeOffset.TryParseExact(text.Trim(), "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>ISO 8601 with an explicit offset or Z (also Graph's <c>2017-11-07T22:07:11+0000</c>).</summary>
    public static bool TryParseIso8601(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Only forms with Z or an explicit offset: a local time without one is ambiguous and refused.
        string[] formats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        if (!DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }
}
