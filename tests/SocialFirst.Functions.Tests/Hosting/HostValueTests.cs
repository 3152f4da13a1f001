using System.Text.Json;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Tests.Hosting;

public class HostValueTests
{
    public static TheoryData<string, string?> Values => new()
    {
        // A queue body as the host sends it: JSON text inside a JSON string.
        { "\"\\\"{\\\\\\\"hello\\\\\\\":\\\\\\\"world\\\\\\\"}\\\"\"", "{\"hello\":\"world\"}" },
        // The same body encoded only once (newer hosts, or our own standalone runner with objects).
        { "\"{\\\"hello\\\":\\\"world\\\"}\"", "{\"hello\":\"world\"}" },
        // An object arrives as an object.
        { "{\"hello\":\"world\"}", "{\"hello\":\"world\"}" },
        // Scalars: "1", "\"1\"" and 1 all mean 1.
        { "\"1\"", "1" },
        { "\"\\\"1\\\"\"", "1" },
        { "1", "1" },
        { "null", null },
        // A plain string that merely starts with a quote character stays as it is.
        { "\"\\\"not closed\"", "\"not closed" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void AsString_HostEncodings_Unwrapped(string json, string? expected)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(expected, HostValue.AsString(doc.RootElement));
    }

    [Theory]
    [InlineData("\"3\"", 3L)]
    [InlineData("\"\\\"3\\\"\"", 3L)]
    [InlineData("3", 3L)]
    [InlineData("\"x\"", null)]
    public void AsLong_HostEncodings_Parsed(string json, long? expected)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(expected, HostValue.AsLong(doc.RootElement));
    }
}
