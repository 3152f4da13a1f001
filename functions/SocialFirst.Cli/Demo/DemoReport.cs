using System.Globalization;
using System.Text.Json;

namespace SocialFirst.Cli.Demo;

/// <summary>Prints cases as the read API returns them: one block per case, most urgent first.</summary>
public static class DemoReport
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<JsonElement> cases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cases);
        await output.WriteLineAsync($"\n{cases.Count} cases\n");
        foreach (var detail in cases.OrderByDescending(c => c.GetProperty("case").GetProperty("urgency").GetDouble()))
        {
            var c = detail.GetProperty("case");
            var urgent = c.GetProperty("urgent").GetBoolean();
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Case {Str(c, "id")}  [{Str(c, "brandId")}/{Str(c, "platform")}]  author {Str(c, "authorHandle") ?? Str(c, "authorId")}  status {Str(c, "status")}"));
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  urgency {c.GetProperty("urgency").GetDouble():0.00} {(urgent ? "URGENT" : "not urgent")} — {Str(c, "urgencyDecision")}"));
            if (c.TryGetProperty("urgencyFactors", out var factors))
            {
                foreach (var f in factors.EnumerateArray().Take(4))
                {
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"    + {Str(f, "factor"),-24} {f.GetProperty("contribution").GetDouble():0.00}  ({Str(f, "detail")})"));
                }
            }

            foreach (var m in detail.GetProperty("mentions").EnumerateArray())
            {
                var categories = m.TryGetProperty("categories", out var cs) ? string.Join(",", cs.EnumerateArray().Select(x => x.GetString())) : string.Empty;
                await output.WriteLineAsync($"  mention [{Str(m, "language")}, {Str(m, "sentiment")}{(categories.Length > 0 ? ", " + categories : string.Empty)}] {Shorten(Str(m, "text") ?? string.Empty, 90)}");
            }

            foreach (var a in detail.GetProperty("actions").EnumerateArray())
            {
                await output.WriteLineAsync($"  escalation: {Str(a, "action")} → {Str(a, "status")} ({Shorten(Str(a, "detail") ?? string.Empty, 80)})");
            }

            await output.WriteLineAsync();
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
