using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SocialFirst.Cli.Demo;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst load --url http://127.0.0.1:7071 --rate 200 --seconds 20</c>: an open-loop loopback load generator.
/// Sends uniquely numbered, correctly signed Meta comment deliveries at a fixed rate (requests are started on schedule
/// whether or not earlier ones have finished, so a slow server shows up as latency, not as a lower offered rate) and
/// reports acknowledged deliveries per second and acknowledgement latency percentiles. Loopback targets only.
/// </summary>
public sealed class LoadCommand : Command
{
    private readonly TextWriter _output;
    private readonly Option<string> _url = new("--url") { Description = "Base URL of the running app (must be loopback)", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
    private readonly Option<int> _rate = new("--rate") { Description = "Deliveries per second", DefaultValueFactory = _ => 200 };
    private readonly Option<int> _seconds = new("--seconds") { Description = "How long to send", DefaultValueFactory = _ => 20 };

    public LoadCommand(TextWriter output)
        : base("load", "Send signed Meta deliveries at a fixed rate to a local app and report throughput and p50/p99 latency.")
    {
        _output = output;
        Options.Add(_url);
        Options.Add(_rate);
        Options.Add(_seconds);
        SetAction((parse, ct) => RunAsync(new Uri(parse.GetValue(_url)!), parse.GetValue(_rate), parse.GetValue(_seconds), DemoSecrets.FromEnvironment().MetaAppSecret, ct));
    }

    public async Task<int> RunAsync(Uri url, int rate, int seconds, string metaSecret, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsLoopback)
        {
            await _output.WriteLineAsync("load only targets loopback addresses");
            return 2;
        }

        if (rate is < 1 or > 5000 || seconds is < 1 or > 600)
        {
            await _output.WriteLineAsync("--rate must be 1..5000 and --seconds 1..600");
            return 2;
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var total = rate * seconds;
        var latencies = new double[total];
        var statuses = new int[total];
        var run = Guid.NewGuid().ToString("N")[..8];
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, TimeProvider.System, ct);
            }

            var n = i;
            tasks.Add(SendOneAsync(http, n, run, metaSecret, latencies, statuses, ct));
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        var ok = statuses.Count(s => s == 200);
        var sorted = latencies.Where((_, i) => statuses[i] == 200).Order().ToArray();
        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"offered {rate}/s for {seconds} s: {ok}/{total} acknowledged (200) in {elapsed:0.0} s = {ok / elapsed:0} acks/s; " +
            $"latency p50 {Percentile(sorted, 0.50):0.0} ms, p90 {Percentile(sorted, 0.90):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):0.0} ms; " +
            $"non-200: {string.Join(", ", statuses.Where(s => s != 200).GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}"))}"));
        return ok == total ? 0 : 1;
    }

    private static async Task SendOneAsync(HttpClient http, int n, string run, string secret, double[] latencies, int[] statuses, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"object\":\"page\",\"entry\":[{\"id\":\"104857600123\",\"time\":1764064802,\"changes\":[{\"field\":\"feed\",\"value\":" +
            "{\"from\":{\"id\":\"" + (7_000_000 + n).ToString(CultureInfo.InvariantCulture) + "\",\"name\":\"Load Tester\"}," +
            "\"message\":\"Load test comment: the cap of my salad dressing is broken and leaking, please help \\u00e9\\ud83d\\ude21\"," +
            "\"post_id\":\"104857600123_555\",\"comment_id\":\"555_" + run + n.ToString(CultureInfo.InvariantCulture) + "\"," +
            "\"created_time\":1764064800,\"item\":\"comment\",\"parent_id\":\"104857600123_555\",\"verb\":\"add\"}}]}]}");
        using var request = SampleSigner.Sign("meta", body, new DemoSecrets(secret, string.Empty, string.Empty, string.Empty, string.Empty), TimeProvider.System.GetUtcNow(), forge: false);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            statuses[n] = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            statuses[n] = -1;
        }
        catch (TaskCanceledException)
        {
            statuses[n] = -2;
        }

        latencies[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
