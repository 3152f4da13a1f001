using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace SocialFirst.Azure.Http;

/// <summary>
/// Reads an Azure error response: the <c>x-ms-error-code</c> header, a JSON body <c>{"error":{"code","message"}}</c>
/// (Language) or an XML body <c>&lt;Error&gt;&lt;Code/&gt;&lt;Detail/&gt;&lt;/Error&gt;</c> (Service Bus).
/// </summary>
public static class RestErrors
{
    public static (string? Code, string? Detail) Read(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = response.Header("x-ms-error-code");
        string? detail = null;
        var content = response.ContentStream is null ? null : response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return (code, null);
        }

        var text = content.ToString().Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code ??= String(error, "code");
                    detail = String(error, "message");
                    if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object && String(inner, "code") is { } innerCode)
                    {
                        code = code is null ? innerCode : code + "/" + innerCode;
                    }
                }
            }
            catch (JsonException)
            {
                detail = null;
            }
        }
        else if (text.StartsWith('<'))
        {
            try
            {
                var xml = XDocument.Parse(text);
                code ??= xml.Root?.Element("Code")?.Value;
                detail = xml.Root?.Element("Detail")?.Value;
            }
            catch (XmlException)
            {
                detail = null;
            }
        }

        return (code, detail);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}
