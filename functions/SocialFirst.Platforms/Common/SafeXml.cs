using System.Xml;
using System.Xml.Linq;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Platforms.Common;

/// <summary>
/// Reads the flat <c>&lt;xml&gt;&lt;Field&gt;value&lt;/Field&gt;...&lt;/xml&gt;</c> documents WeChat pushes, with DTDs
/// prohibited and no resolver (no XXE, no entity expansion) and a size cap.
/// </summary>
internal static class SafeXml
{
    private const long MaxCharacters = 4 * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxCharacters,
        CloseInput = true,
    };

    /// <summary>
    /// The root's child elements by name (case-sensitive), each with its text. A duplicated field is refused: two
    /// <c>Encrypt</c> elements would let the signature check and the decryption look at different values.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadFlat(ReadOnlyMemory<byte> body, string rootName = "xml")
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new MalformedPayloadException("body is not valid XML (DTDs are not accepted)", ex);
        }

        return Flatten(document, rootName);
    }

    public static IReadOnlyDictionary<string, string> ReadFlat(string xml, string rootName = "xml")
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new MalformedPayloadException("decrypted message is not valid XML", ex);
        }

        return Flatten(document, rootName);
    }

    private static Dictionary<string, string> Flatten(XDocument document, string rootName)
    {
        var root = document.Root;
        if (root is null || root.Name.LocalName != rootName)
        {
            throw new MalformedPayloadException($"XML root must be <{rootName}>");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in root.Elements())
        {
            if (!fields.TryAdd(child.Name.LocalName, child.Value))
            {
                throw new MalformedPayloadException($"XML field <{child.Name.LocalName}> appears more than once");
            }
        }

        return fields;
    }
}
