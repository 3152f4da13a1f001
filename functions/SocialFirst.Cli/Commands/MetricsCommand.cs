using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst metrics --url https://app.example --brand acme --from 2026-01-01 --to 2026-02-01</c>: asks the running
/// app's <c>GET /api/metrics</c> for the brand's care scorecard and prints it as a table. The API key is read from the
/// environment variable <c>Api__Key</c> (the app's <c>Api:Key</c>, or a function key under the Functions host) and sent
/// as <c>X-Api-Key</c>; it is never printed.
/// </summary>
public sealed class MetricsCommand : Command
{
    public const string ApiKeyVariable = "Api__Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TextWriter _output;
    private readonly Option<string> _url = new("--url") { Description = "Base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
    private readonly Option<string> _brand = new("--brand") { Description = "Brand id", DefaultValueFactory = _ => "default" };
    private readonly Option<DateTimeOffset> _from = new("--from") { Description = "Start of the period (ISO 8601, inclusive; UTC unless an offset is given)", Required = true };
    private readonly Option<DateTimeOffset> _to = new("--to") { Description = "End of the period (ISO 8601, exclusive)", Required = true };

    public MetricsCommand(TextWriter output)
        : base("metrics", "Print a brand's care scorecard (response and resolution times, SLA adherence, ...) for a period.")
    {
        _output = output;
        Options.Add(_url);
        Options.Add(_brand);
        Options.Add(_from);
        Options.Add(_to);
        SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            return await RunAsync(
                http,
                new Uri(parse.GetValue(_url)!),
                parse.GetValue(_brand)!,
                parse.GetValue(_from),
                parse.GetValue(_to),
                Environment.GetEnvironmentVariable(ApiKeyVariable),
                ct);
        });
    }

    /// <summary>Calls the API with <paramref name="http"/> (the tests pass the app's own client) and prints the table.</summary>
    public async Task<int> RunAsync(HttpClient http, Uri baseUrl, string brand, DateTimeOffset from, DateTimeOffset to, string? apiKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (to <= from)
        {
            await _output.WriteLineAsync("--to must be after --from");
            return 2;
        }

        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/metrics?brand={Uri.EscapeDataString(brand)}&from={Uri.EscapeDataString(from.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))}");
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, query));
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"metrics request failed: {(int)response.StatusCode} {body}"));
            return 1;
        }

        var scorecard = await response.Content.ReadFromJsonAsync<CareScorecard>(Json, ct);
        if (scorecard is null)
        {
            await _output.WriteLineAsync("metrics request returned no scorecard");
            return 1;
        }

        await _output.WriteAsync(scorecard.ToTable());
        return 0;
    }
}
