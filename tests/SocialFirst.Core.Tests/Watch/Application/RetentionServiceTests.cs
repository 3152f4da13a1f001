using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Tests.Triage;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Application;

public class RetentionServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeArchive _archive = new();
    private readonly FakeCaseTexts _texts = new();
    private readonly UpdatingOutbox _outbox = new();
    private readonly BrandOptions _brands = new();
    private readonly RetentionOptions _options = new();

    public RetentionServiceTests()
    {
        _brands.Items["acme"] = new BrandDefinition { RawDeliveryDays = 10, TextDays = 30 };
        _brands.Items["beta"] = new BrandDefinition { RawDeliveryDays = 60, TextDays = 400 };
    }

    private RetentionService CreateSut() => new(
        _archive,
        _texts,
        _outbox,
        new TestOptionsMonitor<BrandOptions>(_brands),
        new TestOptionsMonitor<RetentionOptions>(_options),
        _time,
        NullLogger<RetentionService>.Instance);

    [Fact]
    public async Task RunAsync_OldAndRecentData_RemovesOnlyWhatIsOlderThanEachBrandsPeriod()
    {
        _archive.Add(Now.AddDays(-11)).Add(Now.AddDays(-9));
        _texts.Add("A-OLD", "acme", Now.AddDays(-31)).Add("A-NEW", "acme", Now.AddDays(-29))
            .Add("B-OLD", "beta", Now.AddDays(-31)).Add("D-OLD", "default", Now.AddDays(-366)).Add("D-NEW", "default", Now.AddDays(-364));
        _outbox.Add(new OutboxEntry("A-OLD", "private-reply-L1", "X", OutboxStatus.Sent, "sent to h-A-OLD", Now.AddDays(-31)) { Text = "Hi h-A-OLD, please DM us", Version = "1" });
        _outbox.Add(new OutboxEntry("A-NEW", "private-reply-L1", "X", OutboxStatus.Sent, "sent to h-A-NEW", Now.AddDays(-29)) { Text = "Hi h-A-NEW", Version = "1" });

        var report = await CreateSut().RunAsync(CancellationToken.None);

        // The archive keeps the shortest period of the brands (acme's 10 days).
        Assert.Equal(Now.AddDays(-10), report.RawDeliveriesBefore);
        Assert.Equal([Now.AddDays(-9)], _archive.Kept);
        Assert.Equal(1, report.RawDeliveriesDeleted);
        Assert.Equal(["A-OLD", "D-OLD"], _texts.Cases.Where(c => c.Text is null).Select(c => c.Id).Order());
        Assert.All(_texts.Cases, c => Assert.Equal(3, c.MentionCount));
        Assert.Equal((2, 2, 6, 1), (report.CasesScanned, report.CasesStripped, report.MentionsStripped, report.OutboxEntries));
        Assert.False(report.More);
        var scrubbed = _outbox.Entries.Single(e => e.CaseId == "A-OLD");
        Assert.Null(scrubbed.Text);
        Assert.Equal("sent to " + RetentionService.Removed, scrubbed.Detail);
        Assert.Equal("Hi h-A-NEW", _outbox.Entries.Single(e => e.CaseId == "A-NEW").Text);
    }

    [Fact]
    public async Task RunAsync_IncidentsClosedBeforeTheBrandsTextPeriod_LoseTheirMentionIdsOnly()
    {
        var incidents = new InMemoryIncidentStore();
        Incident Closed(string id, string brand, DateTimeOffset closedAt) =>
            new Incident { Id = id, BrandId = brand, Terms = ["cap"], OpenedAt = closedAt.AddHours(-3), LastSignalAt = closedAt.AddHours(-2), ClosedAt = closedAt }
                .Link("facebook:created:" + id, "CASE-" + id, 200);
        await incidents.UpsertAsync(new IncidentRecord(Closed("old", "acme", Now.AddDays(-31)), "cap 9 vs 1"), CancellationToken.None);
        await incidents.UpsertAsync(new IncidentRecord(Closed("recent", "acme", Now.AddDays(-29))), CancellationToken.None);
        await incidents.UpsertAsync(new IncidentRecord(Closed("beta", "beta", Now.AddDays(-31))), CancellationToken.None); // beta keeps 400 days
        await incidents.UpsertAsync(new IncidentRecord(Closed("open", "acme", Now.AddDays(-100)) with { ClosedAt = null }), CancellationToken.None);
        var sut = new RetentionService(
            _archive,
            _texts,
            _outbox,
            new TestOptionsMonitor<BrandOptions>(_brands),
            new TestOptionsMonitor<RetentionOptions>(_options),
            _time,
            NullLogger<RetentionService>.Instance,
            incidents);

        var report = await sut.RunAsync(CancellationToken.None);
        var again = await sut.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (report.IncidentsStripped, again.IncidentsStripped));
        var old = (await incidents.GetAsync("acme", "old", CancellationToken.None))!;
        Assert.Empty(old.Incident.MentionIds);
        Assert.Equal(["CASE-old"], old.Incident.CaseIds);
        Assert.Equal((1, "cap 9 vs 1"), (old.Incident.LinkedMentionCount, old.Summary));
        Assert.Equal(["cap"], old.Incident.Terms);
        Assert.Equal(Now.AddDays(-31), old.Incident.ClosedAt);
        foreach (var (brand, id) in new[] { ("acme", "recent"), ("beta", "beta"), ("acme", "open") })
        {
            Assert.Single((await incidents.GetAsync(brand, id, CancellationToken.None))!.Incident.MentionIds);
        }
    }

    [Fact]
    public async Task RunAsync_Twice_SecondRunChangesNothing()
    {
        _archive.Add(Now.AddDays(-40));
        _texts.Add("A-OLD", "acme", Now.AddDays(-31));
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(1));
        var second = await sut.RunAsync(CancellationToken.None);

        Assert.Equal((0, 0, 0, 0), (second.RawDeliveriesDeleted, second.CasesScanned, second.CasesStripped, second.OutboxEntries));
    }

    [Fact]
    public async Task RunAsync_MoreCasesThanTheLimit_StopsAndTheNextRunContinues()
    {
        _options.MaxCasesPerRun = 2;
        _texts.Add("A1", "acme", Now.AddDays(-40)).Add("A2", "acme", Now.AddDays(-40)).Add("A3", "acme", Now.AddDays(-40));
        var sut = CreateSut();

        var first = await sut.RunAsync(CancellationToken.None);
        var second = await sut.RunAsync(CancellationToken.None);

        Assert.Equal((2, true), (first.CasesStripped, first.More));
        Assert.Equal((1, false), (second.CasesStripped, second.More));
        Assert.All(_texts.Cases, c => Assert.Null(c.Text));
    }

    [Fact]
    public async Task RunAsync_CutOffBeforeTheOutboxWasScrubbed_NextRunRepeatsTheBatch()
    {
        _texts.Add("A-OLD", "acme", Now.AddDays(-31));
        _outbox.Add(new OutboxEntry("A-OLD", "private-reply-L1", "X", OutboxStatus.Sent, "sent", Now.AddDays(-31)) { Text = "Hi h-A-OLD", Version = "1" });
        _outbox.FailNextUpdate = true;
        var sut = CreateSut();

        await Assert.ThrowsAsync<IOException>(() => sut.RunAsync(CancellationToken.None));
        var again = await sut.RunAsync(CancellationToken.None);

        Assert.Equal(1, again.OutboxEntries);
        Assert.Null(_outbox.Entries.Single().Text);
        Assert.Equal(["A-OLD"], _texts.Saved);
    }

    [Fact]
    public void RawDeliveryDays_NoBrandConfigured_IsTheDefault()
    {
        Assert.Equal(30, RetentionService.RawDeliveryDays(new BrandOptions()));
        Assert.Equal((30, 365), RetentionService.Periods(new BrandOptions(), "default"));
    }

    [Theory]
    [InlineData(0, 365, "RawDeliveryDays")]
    [InlineData(30, 3651, "TextDays")]
    public void BrandOptions_RetentionOutOfRange_IsRejected(int rawDays, int textDays, string setting)
    {
        var options = new BrandOptions();
        options.Items["acme"] = new BrandDefinition { RawDeliveryDays = rawDays, TextDays = textDays };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Brands:acme:" + setting, StringComparison.Ordinal));
    }

    /// <summary>Deliveries by arrival time.</summary>
    private sealed class FakeArchive : IRawDeliveryRetention
    {
        private readonly List<DateTimeOffset> _received = [];

        public IReadOnlyList<DateTimeOffset> Kept => _received;

        public FakeArchive Add(DateTimeOffset at)
        {
            _received.Add(at);
            return this;
        }

        public Task<RawDeliveryRetentionBatch> DeleteReceivedBeforeAsync(DateTimeOffset receivedBefore, int max, CancellationToken cancellationToken)
        {
            var old = _received.Where(r => r < receivedBefore).Take(max).ToList();
            _received.RemoveAll(old.Contains);
            return Task.FromResult(new RawDeliveryRetentionBatch(old.Count, _received.Any(r => r < receivedBefore)));
        }
    }

    /// <summary>Cases with a text and a handle; strips are idempotent, and progress only counts once saved.</summary>
    private sealed class FakeCaseTexts : ICaseTextRetention
    {
        private readonly List<FakeCase> _cases = [];
        private readonly HashSet<string> _saved = [];

        public IReadOnlyList<FakeCase> Cases => _cases;

        public IReadOnlyList<string> Saved => [.. _saved.Order(StringComparer.Ordinal)];

        public FakeCaseTexts Add(string id, string brand, DateTimeOffset updatedAt)
        {
            _cases.Add(new FakeCase(id, brand, updatedAt) { Text = "text of " + id, Handle = "h-" + id });
            return this;
        }

        public Task<CaseTextRetentionBatch> StripNextAsync(string brandId, DateTimeOffset unchangedBefore, int maxCases, CancellationToken cancellationToken)
        {
            var due = _cases.Where(c => c.Brand == brandId && c.UpdatedAt < unchangedBefore && !_saved.Contains(c.Id)).ToList();
            var batch = due.Take(maxCases).ToList();
            var stripped = new List<StrippedCase>();
            foreach (var c in batch)
            {
                var identifiers = c.Handle is null ? Array.Empty<string>() : [c.Handle];
                var changed = c.Text is not null;
                c.Text = null;
                c.Handle = null;
                stripped.Add(new StrippedCase(c.Id, identifiers, changed ? c.MentionCount : 0, changed));
            }

            return Task.FromResult(new CaseTextRetentionBatch(batch.Count, stripped, string.Join(",", batch.Select(c => c.Id)), due.Count > batch.Count));
        }

        public Task SaveProgressAsync(string brandId, string progress, CancellationToken cancellationToken)
        {
            foreach (var id in progress.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                _saved.Add(id);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class FakeCase(string id, string brand, DateTimeOffset updatedAt)
    {
        public string Id { get; } = id;

        public string Brand { get; } = brand;

        public DateTimeOffset UpdatedAt { get; } = updatedAt;

        public int MentionCount { get; } = 3;

        public string? Text { get; set; }

        public string? Handle { get; set; }
    }

    /// <summary>An outbox with versioned updates; can fail one update as a crash would.</summary>
    private sealed class UpdatingOutbox : IEscalationOutbox
    {
        private readonly List<OutboxEntry> _entries = [];

        public bool FailNextUpdate { get; set; }

        public IReadOnlyList<OutboxEntry> Entries => _entries;

        public void Add(OutboxEntry entry) => _entries.Add(entry);

        public Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken) =>
            Task.FromResult(_entries.FirstOrDefault(e => e.CaseId == caseId && e.Action == action));

        public Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken)
        {
            if (FailNextUpdate)
            {
                FailNextUpdate = false;
                throw new IOException("storage went away");
            }

            var i = _entries.FindIndex(e => e.IdempotencyKey == entry.IdempotencyKey && e.Version == entry.Version);
            if (i < 0)
            {
                return Task.FromResult<OutboxEntry?>(null);
            }

            _entries[i] = entry with { Version = entry.Version + "+" };
            return Task.FromResult<OutboxEntry?>(_entries[i]);
        }

        public Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OutboxEntry>>(_entries.Where(e => e.CaseId == caseId).ToList());
    }
}
