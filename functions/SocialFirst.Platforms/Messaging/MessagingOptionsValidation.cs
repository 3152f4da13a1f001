using Microsoft.Extensions.Options;

namespace SocialFirst.Platforms.Messaging;

/// <summary>Checks shared by the messaging options validators; every message names the setting.</summary>
internal static class MessagingOptionsValidation
{
    /// <summary>An absolute http(s) URL without query or fragment.</summary>
    public static void Url(List<string> errors, string setting, string? value, bool allowEmpty = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!allowEmpty)
            {
                errors.Add($"{setting} is required (an absolute https URL).");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add($"{setting} must be an absolute http(s) URL without query string, e.g. https://example.com (was '{value}').");
        }
    }

    /// <summary>Account id → token maps: ids and tokens non-empty, ids without '/', '?' or '#'. Tokens are never echoed.</summary>
    public static void Tokens(List<string> errors, string setting, IReadOnlyDictionary<string, string> tokens)
    {
        foreach (var (id, token) in tokens)
        {
            if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(['/', '?', '#', ' ']) >= 0)
            {
                errors.Add($"{setting}: account id '{id}' must be the platform's account id (no '/', '?', '#' or spaces).");
            }

            if (string.IsNullOrWhiteSpace(token))
            {
                errors.Add($"{setting}:{id} is empty; remove the entry or set the token.");
            }
        }
    }

    public static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
