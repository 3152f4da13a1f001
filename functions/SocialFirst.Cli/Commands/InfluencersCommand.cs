using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst influencers --url https://app.example --brand acme --role critic [--top 10] [--as-of ...]</c>: asks the
/// running app's <c>GET /api/influencers</c> for the brand's top critics, advocates or rising voices and prints them as a
/// table. The API key comes from <c>--api-key</c> or, better (it stays out of the process list), the environment
/// variable <c>Api__Key</c>; it is sent as <c>X-Api-Key</c> and never printed.
/// </summary>
public sealed class InfluencersCommand : Command
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TextWriter _output;
    private readonly Option<string> _url = new("--url") { Description = "Base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
    private readonly Option<string> _brand = new("--brand") { Description = "Brand id", Required = true };
    private readonly Option<InfluenceList> _role = new("--role") { Description = "critic, advocate or rising", DefaultValueFactory = _ => InfluenceList.Critic };
    private readonly Option<int> _top = new("--top") { Description = "How many authors (1-100)", DefaultValueFactory = _ => 10 };
    private readonly Option<DateTimeOffset?> _asOf = new("--as-of") { Description = "Rank as of this time (ISO 8601; default now)" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "API key (default: the environment variable Api__Key)" };

    public InfluencersCommand(TextWriter output)
        : base("influencers", "Print a brand's top critics, advocates or rising voices, with what puts them there.")
    {
        _output = output;
        Options.Add(_url);
        Options.Add(_brand);
        Options.Add(_role);
        Options.Add(_top);
        Options.Add(_asOf);
        Options.Add(_apiKey);
        SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            return await RunAsync(
                http,
                new Uri(parse.GetValue(_url)!),
                parse.GetValue(_brand)!,
                parse.GetValue(_role),
                parse.GetValue(_top),
                parse.GetValue(_asOf),
                parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable(MetricsCommand.ApiKeyVariable),
                ct);
        });
    }

    /// <summary>Calls the API with <paramref name="http"/> (the tests pass the app's own client) and prints the table.</summary>
    public async Task<int> RunAsync(HttpClient http, Uri baseUrl, string brand, InfluenceList role, int top, DateTimeOffset? asOf, string? apiKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (top is < 1 or > InfluenceService.MaxTop)
        {
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--top must be 1..{InfluenceService.MaxTop}"));
            return 2;
        }

        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/influencers?brand={Uri.EscapeDataString(brand)}&role={role.ToString().ToLowerInvariant()}&top={top}");
        if (asOf is { } at)
        {
            query += "&asOf=" + Uri.EscapeDataString(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, query));
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            await _output.WriteLineAsync("influencers request failed: " + ex.Message);
            return 1;
        }

        using var answer = response;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"influencers request failed: {(int)response.StatusCode} {body}"));
            return 1;
        }

        var report = await response.Content.ReadFromJsonAsync<InfluenceReport>(Json, ct);
        if (report is null)
        {
            await _output.WriteLineAsync("influencers request returned no report");
            return 1;
        }

        await _output.WriteAsync(ToTable(report));
        return 0;
    }

    /// <summary>The report as a fixed-width table, one author a line, then each author's explanation.</summary>
    public static string ToTable(InfluenceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"Top {report.List.ToString().ToLowerInvariant()} authors of {report.BrandId} as of {report.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC ")
            .Append(c, $"(mentions since {report.Since.UtcDateTime:yyyy-MM-dd}; {report.AuthorsRanked} authors, {report.MentionsCounted} mentions in {report.CasesRead} cases)\n");
        if (report.Authors.Count == 0)
        {
            sb.Append("(none)\n");
            return sb.ToString();
        }

        sb.Append(c, $"{"#",-3} {"platform",-10} {"author",-24} {"followers",10} {"role",-9} {"score",7} {"influence",9} {"reach",6} {"engage",6} {"sentiment",9} {"trend",6} {"mentions",8}\n");
        foreach (var a in report.Authors)
        {
            var who = a.Handle is { Length: > 0 } h ? h : a.AuthorId;
            who = who.Length > 24 ? who[..23] + "…" : who;
            var followers = a.Followers is { } f ? f.ToString("N0", c) : "?";
            var trend = a.SentimentTrend is { } t ? t.ToString("+0.00;-0.00;0.00", c) : "-";
            sb.Append(c, $"{a.Rank,-3} {a.Platform.ToString().ToLowerInvariant(),-10} {who,-24} {followers,10} {a.Role.ToString().ToLowerInvariant(),-9} {a.Score,7:0.0000} {a.Influence,9:0.0000} {a.Reach,6:0.00} {a.Engagement,6:0.00} {a.Sentiment,9:+0.00;-0.00;0.00} {trend,6} {a.Mentions,8}\n");
        }

        sb.Append('\n');
        foreach (var a in report.Authors)
        {
            sb.Append(c, $"{a.Rank}. {a.Explanation}\n");
        }

        return sb.ToString();
    }
}
