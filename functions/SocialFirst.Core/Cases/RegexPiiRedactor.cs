using System.Text.RegularExpressions;

namespace SocialFirst.Core.Cases;

/// <summary>
/// A simple redactor: e-mail addresses become <c>[email]</c> and phone numbers <c>[phone]</c>. A digit run counts as a
/// phone number when it has 8–15 digits and either starts with +, contains separators, or has 10 or more digits;
/// ISO dates are left alone. It does not find names, addresses or card numbers: that needs a real PII service.
/// </summary>
public sealed partial class RegexPiiRedactor : IPiiRedactor
{
    public const string EmailToken = "[email]";
    public const string PhoneToken = "[phone]";

    public Task<string> RedactAsync(string text, string? language, CancellationToken cancellationToken) => Task.FromResult(Redact(text));

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var withoutEmails = Email().Replace(text, EmailToken);
        return Phone().Replace(withoutEmails, m => LooksLikePhone(m.Value) ? PhoneToken : m.Value);
    }

    private static bool LooksLikePhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (digits is < 8 or > 15 || IsoDate().IsMatch(candidate))
        {
            return false;
        }

        var separated = candidate.Any(c => c is ' ' or '-' or '.' or '(' or ')');
        return candidate.StartsWith('+') || separated || digits >= 10;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w+])\+?\(?\d[\d ().\-]{5,}\d(?!\w)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IsoDate();
}
