using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using SocialFirst.Cli.Demo;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst demo</c>: sends the signed sample deliveries in a samples.json to a running app, waits for triage and
/// escalation to settle, and prints what happened to each: answer, case, urgency with reasons, outbox actions.
/// </summary>
public sealed class DemoCommand : Command
{
    private readonly TextWriter _output;
    private readonly Option<string> _url = new("--url") { Description = "Base URL of the running app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
    private readonly Option<FileInfo> _samples = new("--samples") { Description = "samples.json listing the deliveries", DefaultValueFactory = _ => new FileInfo("samples/samples.json") };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "API key (default: the Api__Key environment variable)" };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Seconds to wait for the app and for triage", DefaultValueFactory = _ => 60 };

    public DemoCommand(TextWriter output)
        : base("demo", "Send the signed sample webhooks to a running app and report cases, urgency and escalations.")
    {
        _output = output;
        Options.Add(_url);
        Options.Add(_samples);
        Options.Add(_apiKey);
        Options.Add(_timeout);
        SetAction((parse, ct) => RunAsync(
            parse.GetValue(_url)!,
            parse.GetValue(_samples)!,
            parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("Api__Key") ?? string.Empty,
            TimeSpan.FromSeconds(parse.GetValue(_timeout)),
            ct));
    }

    public async Task<int> RunAsync(string url, FileInfo samplesFile, string apiKey, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(samplesFile);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        if (!await WaitForHealthAsync(http, timeout, ct))
        {
            await _output.WriteLineAsync($"The app at {url} did not become healthy within {timeout.TotalSeconds} s.");
            return 2;
        }

        var manifest = SampleManifest.Load(samplesFile);
        var secrets = DemoSecrets.FromEnvironment();
        await _output.WriteLineAsync($"Sending {manifest.Deliveries.Count} deliveries to {url}\n");
        foreach (var d in manifest.Deliveries)
        {
            var now = TimeProvider.System.GetUtcNow();
            var body = SampleClock.Fill(await File.ReadAllBytesAsync(Path.Combine(samplesFile.DirectoryName!, d.File), ct), now);
            using var request = SampleSigner.Sign(d.Platform, body, secrets, now, d.Forge);
            using var response = await http.SendAsync(request, ct);
            var answer = (await response.Content.ReadAsStringAsync(ct)).Trim();
            await _output.WriteLineAsync($"  {(int)response.StatusCode,3}  {d.Title}{(answer.Length > 0 ? "  → " + Shorten(answer, 60) : string.Empty)}");
        }

        await _output.WriteLineAsync("\nWaiting for triage and escalation...");
        var report = await WaitForSettledAsync(http, manifest.Brands, timeout, ct);
        await DemoReport.WriteAsync(_output, report, ct);
        return 0;
    }

    private static async Task<bool> WaitForHealthAsync(HttpClient http, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative), ct);
                if (health.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System, ct);
        }

        return false;
    }

    /// <summary>Polls the read API until nothing has changed for three seconds (all mentions triaged, escalations recorded).</summary>
    private static async Task<List<JsonElement>> WaitForSettledAsync(HttpClient http, IReadOnlyList<string> brands, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        string? last = null;
        var stableSince = TimeProvider.System.GetUtcNow();
        List<JsonElement> details = [];
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            details = [];
            foreach (var brand in brands)
            {
                using var list = await http.GetAsync(new Uri($"/api/cases?brand={Uri.EscapeDataString(brand)}&pageSize=100", UriKind.Relative), ct);
                list.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync(ct));
                foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
                {
                    var id = item.GetProperty("id").GetString()!;
                    using var one = await http.GetAsync(new Uri($"/api/cases/{Uri.EscapeDataString(id)}", UriKind.Relative), ct);
                    one.EnsureSuccessStatusCode();
                    details.Add(JsonDocument.Parse(await one.Content.ReadAsStringAsync(ct)).RootElement.Clone());
                }
            }

            var fingerprint = string.Join('|', details.Select(d => d.GetRawText()).Order(StringComparer.Ordinal));
            var now = TimeProvider.System.GetUtcNow();
            if (fingerprint != last)
            {
                last = fingerprint;
                stableSince = now;
            }
            else if (details.Count > 0 && now - stableSince >= TimeSpan.FromSeconds(3))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, ct);
        }

        return details;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>The samples.json file: deliveries to send and the brands whose cases to report.</summary>
public sealed record SampleManifest(IReadOnlyList<SampleDelivery> Deliveries, IReadOnlyList<string> Brands)
{
    public static SampleManifest Load(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
        var deliveries = doc.RootElement.GetProperty("deliveries").EnumerateArray().Select(d => new SampleDelivery(
            d.GetProperty("file").GetString()!,
            d.GetProperty("platform").GetString()!,
            d.GetProperty("title").GetString()!,
            d.TryGetProperty("forge", out var f) && f.GetBoolean())).ToList();
        var brands = doc.RootElement.TryGetProperty("brands", out var b)
            ? b.EnumerateArray().Select(x => x.GetString()!).ToList()
            : ["default"];
        return new SampleManifest(deliveries, brands);
    }
}

public sealed record SampleDelivery(string File, string Platform, string Title, bool Forge);
