using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Meta;

namespace SocialFirst.Benchmarks;

/// <summary>
/// The synchronous part of a Meta webhook request: verify the signature over the raw body, parse, normalise into
/// mentions and compute their dedup keys. <see cref="Comments"/> = changes in the delivery (1 is the common case;
/// Meta batches up to 1000). Run: <c>dotnet run -c Release --project benchmarks/SocialFirst.Benchmarks -- --filter *MetaIngest*</c>.
/// </summary>
[MemoryDiagnoser]
public class MetaIngestBenchmarks
{
    private const string Secret = "benchmark-app-secret";

    private MetaWebhookAdapter _adapter = null!;
    private WebhookRequest _request = null!;

    [Params(1, 25)]
    public int Comments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _adapter = new MetaWebhookAdapter(new FixedOptions(new MetaWebhookOptions { AppSecret = Secret }));
        var body = Encoding.ASCII.GetBytes(BuildBody(Comments));
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        _request = new WebhookRequest(
            "POST",
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["X-Hub-Signature-256"] = signature, ["Content-Type"] = "application/json" },
            body);
    }

    [Benchmark]
    public int VerifyParseNormalise()
    {
        if (!_adapter.Verify(_request).IsValid)
        {
            throw new InvalidOperationException("benchmark body does not verify");
        }

        var parsed = _adapter.Parse(_request, "raw-benchmark");
        var total = 0;
        foreach (var mention in parsed.Mentions)
        {
            total += mention.DedupKey.Length;
        }

        return total;
    }

    [Benchmark]
    public bool VerifyOnly() => _adapter.Verify(_request).IsValid;

    /// <summary>A Page feed delivery in Meta's escaped wire form, with accented text, emoji and an escaped URL.</summary>
    private static string BuildBody(int comments)
    {
        var changes = new StringBuilder();
        for (var i = 0; i < comments; i++)
        {
            if (i > 0)
            {
                changes.Append(',');
            }

            changes.Append(CultureInfo.InvariantCulture, $$$"""{"field":"feed","value":{"from":{"id":"{{{5000 + i}}}","name":"Zsolt P\u00e1lmai"},"item":"comment","verb":"add","comment_id":"1111_2001_{{{3000 + i}}}","post_id":"1111_2001","parent_id":"1111_2001","created_time":1700000001,"message":"Mon caf\u00e9 est arriv\u00e9 cass\u00e9 \ud83d\ude21 voir https:\/\/example.com\/photo\/{{{i}}}"}}""");
        }

        return $$"""{"object":"page","entry":[{"id":"1111","time":1700000100,"changes":[{{changes}}]}]}""";
    }

    private sealed class FixedOptions(MetaWebhookOptions value) : IOptionsMonitor<MetaWebhookOptions>
    {
        public MetaWebhookOptions CurrentValue => value;

        public MetaWebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MetaWebhookOptions, string?> listener) => null;
    }
}
