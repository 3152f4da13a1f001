using System.Globalization;
using System.Text;

namespace SocialFirst.Cli.Demo;

/// <summary>
/// Sample files carry time placeholders so every run looks like fresh traffic (and ages are not a year old):
/// {{NOW_UNIX}}, {{NOW_MS}}, {{NOW_ISO}}, {{NOW_TWITTER}} ("Wed Nov 25 10:05:00 +0000 2026") and
/// {{NOW_WEIBO}} (the same format in +0800). They are filled in before the body is signed.
/// </summary>
public static class SampleClock
{
    public static byte[] Fill(byte[] body, DateTimeOffset now)
    {
        var text = Encoding.UTF8.GetString(body);
        if (!text.Contains("{{NOW_", StringComparison.Ordinal))
        {
            return body;
        }

        var utc = now.ToUniversalTime();
        var beijing = now.ToOffset(TimeSpan.FromHours(8));
        text = text
            .Replace("{{NOW_UNIX}}", utc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NOW_MS}}", utc.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NOW_ISO}}", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NOW_TWITTER}}", utc.ToString("ddd MMM dd HH:mm:ss '+0000' yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NOW_WEIBO}}", beijing.ToString("ddd MMM dd HH:mm:ss '+0800' yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }
}
