using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Cases;

/// <summary>Builds stores on fresh, uniquely prefixed tables, and the fakes triage needs.</summary>
internal static class CaseTestSupport
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static int _mentionCounter;

    public static async Task<TableCaseStore> CreateStoreAsync(AzuriteFixture azurite)
    {
        // A new prefix per test: every test starts with empty tables in the shared Azurite.
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        var store = new TableCaseStore(clients, NullLogger<TableCaseStore>.Instance);
        await store.EnsureTablesAsync(CancellationToken.None);
        return store;
    }

    public static Mention Mention(string authorId, DateTimeOffset at, string text = "hello", string? objectId = null, string? parentId = null, long? followers = 150)
    {
        var n = Interlocked.Increment(ref _mentionCounter);
        return new Mention
        {
            Platform = Platform.Facebook,
            BrandAccountId = "1234567890",
            Kind = parentId is null ? MentionKind.Comment : MentionKind.Reply,
            EventId = $"evt-{n}",
            ObjectId = objectId ?? $"1234567890_{n}",
            ParentId = parentId,
            ThreadId = parentId,
            Author = new MentionAuthor(authorId, "h" + authorId, null, followers),
            Text = text,
            CreatedAt = at,
        };
    }

    public static BrandResolver Brands()
    {
        var options = new BrandOptions();
        var acme = new BrandDefinition { DisplayName = "Acme" };
        acme.Accounts.Add("facebook:1234567890");
        options.Items["acme"] = acme;
        return new BrandResolver(new StaticOptionsMonitor<BrandOptions>(options), NullLogger<BrandResolver>.Instance);
    }
}

internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

/// <summary>Remembers what was sent; de-duplicates by message id like Service Bus does, and counts raw sends too.</summary>
internal sealed class RecordingEscalationSink : IEscalationSink
{
    private readonly ConcurrentQueue<EscalationMessage> _sent = new();

    public IReadOnlyList<EscalationMessage> Sent => [.. _sent];

    public Task SendAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>"fire" → safety (urgent); "angry" → negative; "thanks" → praise; else neutral.</summary>
internal sealed class KeywordClassifier : IMentionClassifier
{
    public Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        IReadOnlyList<ClassificationResult> results = requests.Select(r =>
        {
            var text = r.Text.ToUpperInvariant();
            var (sentiment, negative, categories) = text switch
            {
                _ when text.Contains("FIRE", StringComparison.Ordinal) => (Sentiment.Negative, 0.9, new[] { new CategoryMatch(CareCategory.Safety, 0.9, ["fire"]) }),
                _ when text.Contains("ANGRY", StringComparison.Ordinal) => (Sentiment.Negative, 0.7, []),
                _ when text.Contains("THANKS", StringComparison.Ordinal) => (Sentiment.Positive, 0.0, []),
                _ => (Sentiment.Neutral, 0.1, Array.Empty<CategoryMatch>()),
            };
            return new ClassificationResult
            {
                Id = r.Id,
                Language = "en",
                Sentiment = sentiment,
                Scores = sentiment == Sentiment.Positive ? new SentimentScores(0.95, 0.05, 0) : new SentimentScores(0.05, 0.95 - negative, negative),
                Categories = categories,
            };
        }).ToList();
        return Task.FromResult(results);
    }
}
