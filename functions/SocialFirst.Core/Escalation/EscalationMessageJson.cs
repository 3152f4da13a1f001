using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SocialFirst.Core.Escalation;

/// <summary>Reads escalation message bodies (camelCase JSON, as the sinks write them) and says what is wrong with a bad one.</summary>
public static class EscalationMessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static bool TryParse(string? body, [NotNullWhen(true)] out EscalationMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "the message body is empty";
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<EscalationMessage>(body, Options);
        }
        catch (JsonException ex)
        {
            error = "the message body is not an escalation: " + ex.Message;
            return false;
        }

        if (message is null || string.IsNullOrWhiteSpace(message.CaseId) || message.Level < 1)
        {
            message = null;
            error = "the message body has no case id or no level ≥ 1";
            return false;
        }

        error = null;
        return true;
    }
}
