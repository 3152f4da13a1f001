using System.Globalization;
using System.Text;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Cases;

/// <summary>
/// A hand-written <see cref="ICaseStore"/> for unit tests, with the same conditional-write semantics as the Table store
/// (versions are counters). One lock makes each call atomic, like one Table operation or transaction.
/// </summary>
public sealed class InMemoryCaseStore : ICaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Case> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, CaseMention>> _mentions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _processed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MentionLocation> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorCasePointer> _pointers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorProfile> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Case> _indexed = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>Every successful write, in order (for "nothing changed" assertions).</summary>
    public int Writes { get; private set; }

    public IReadOnlyCollection<Case> Cases
    {
        get
        {
            lock (_gate)
            {
                return _cases.Values.ToList();
            }
        }
    }

    public Task<Case?> GetCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_cases.GetValueOrDefault(caseId));
        }
    }

    public Task<CasePage> ListCasesAsync(CaseQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var rows = _indexed.Values
                .Where(c => c.BrandId == query.BrandId)
                .Where(c => query.Order == CaseOrder.Oldest || c.IsOpen)
                .Where(c => query.Status is null || c.Status == query.Status)
                .Where(c => query.Urgent is null || c.Urgent == query.Urgent)
                .Where(c => query.AssignedTo is null || c.AssignedTo == query.AssignedTo)
                .Where(c => query.Since is null || c.OpenedAt >= query.Since)
                .Select(c => (Key: SortKey(c, query.Order), Case: c))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .ToList();
            var after = continuationToken is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(continuationToken));
            var remaining = rows.Where(r => after is null || string.CompareOrdinal(r.Key, after) > 0).ToList();
            var page = remaining.Take(query.PageSize).ToList();
            var next = remaining.Count > query.PageSize ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key)) : null;
            return Task.FromResult(new CasePage(page.Select(r => CaseSummary.From(r.Case)).ToList(), next));
        }
    }

    public Task<IReadOnlyList<CaseMention>> GetMentionsAsync(string caseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<CaseMention> list = _mentions.TryGetValue(caseId, out var m) ? m.Values.ToList() : [];
            return Task.FromResult(list);
        }
    }

    public Task<AuthorProfile?> GetAuthorAsync(Platform platform, string authorId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_authors.TryGetValue(AuthorKeys.For(platform, authorId), out var profile))
            {
                return Task.FromResult<AuthorProfile?>(null);
            }

            var open = _indexed.Values
                .Where(c => c.Platform == platform && c.AuthorId == authorId && c.IsOpen)
                .OrderByDescending(c => c.OpenedAt)
                .Select(c => c.Id)
                .ToList();
            return Task.FromResult<AuthorProfile?>(profile with { OpenCaseIds = open });
        }
    }

    public Task<string?> FindProcessedAsync(string dedupKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_processed.GetValueOrDefault(dedupKey));
        }
    }

    public Task MarkProcessedAsync(string dedupKey, string caseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _processed[dedupKey] = caseId;
            Writes++;
        }

        return Task.CompletedTask;
    }

    public Task<MentionLocation?> FindMentionAsync(Platform platform, string objectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_objects.GetValueOrDefault(AuthorKeys.For(platform, objectId)));
        }
    }

    public Task RecordMentionLocationAsync(Platform platform, string objectId, MentionLocation location, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _objects[AuthorKeys.For(platform, objectId)] = location;
            Writes++;
        }

        return Task.CompletedTask;
    }

    public Task<AuthorCasePointer?> GetAuthorPointerAsync(string brandId, Platform platform, string authorId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_pointers.GetValueOrDefault(brandId + "|" + AuthorKeys.For(platform, authorId)));
        }
    }

    public Task<bool> TrySetAuthorPointerAsync(AuthorCasePointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        lock (_gate)
        {
            var key = pointer.BrandId + "|" + AuthorKeys.For(pointer.Platform, pointer.AuthorId);
            var existing = _pointers.GetValueOrDefault(key);
            if (existing?.Version != pointer.Version)
            {
                return Task.FromResult(false);
            }

            _pointers[key] = pointer with { Version = NextVersion() };
            Writes++;
            return Task.FromResult(true);
        }
    }

    public Task<Case?> TryCreateCaseAsync(Case newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        lock (_gate)
        {
            if (_cases.ContainsKey(newCase.Id))
            {
                return Task.FromResult<Case?>(null);
            }

            var stored = newCase with { Revision = 1, Version = NextVersion() };
            _cases[newCase.Id] = stored;
            Writes++;
            return Task.FromResult<Case?>(stored);
        }
    }

    public Task<AppendOutcome> TryAppendMentionAsync(Case updated, CaseMention mention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(mention);
        lock (_gate)
        {
            var mentions = _mentions.TryGetValue(updated.Id, out var m) ? m : _mentions[updated.Id] = new SortedDictionary<string, CaseMention>(StringComparer.Ordinal);
            if (mentions.ContainsKey(mention.Key))
            {
                return Task.FromResult(new AppendOutcome(AppendStatus.AlreadyPresent, _cases.GetValueOrDefault(updated.Id)));
            }

            if (!_cases.TryGetValue(updated.Id, out var current) || current.Version != updated.Version)
            {
                return Task.FromResult(new AppendOutcome(AppendStatus.Conflict, null));
            }

            var stored = updated with { Revision = updated.Revision + 1, Version = NextVersion() };
            mentions[mention.Key] = mention;
            _cases[updated.Id] = stored;
            Writes++;
            return Task.FromResult(new AppendOutcome(AppendStatus.Appended, stored));
        }
    }

    public Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        lock (_gate)
        {
            if (!_cases.TryGetValue(updated.Id, out var current) || current.Version != updated.Version)
            {
                return Task.FromResult<Case?>(null);
            }

            var stored = updated with { Revision = updated.Revision + 1, Version = NextVersion() };
            _cases[updated.Id] = stored;
            Writes++;
            return Task.FromResult<Case?>(stored);
        }
    }

    public Task<CaseMention?> GetMentionAsync(string caseId, string mentionKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_mentions.TryGetValue(caseId, out var m) ? m.GetValueOrDefault(mentionKey) : null);
        }
    }

    public Task<CaseMention?> UpdateMentionAsync(MentionLocation location, Func<CaseMention, CaseMention?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_mentions.TryGetValue(location.CaseId, out var m) || !m.TryGetValue(location.MentionKey, out var current))
            {
                return Task.FromResult<CaseMention?>(null);
            }

            var updated = change(current);
            if (updated is null || updated == current)
            {
                return Task.FromResult<CaseMention?>(current);
            }

            m[location.MentionKey] = updated;
            Writes++;
            return Task.FromResult<CaseMention?>(updated);
        }
    }

    public Task IndexCaseAsync(Case stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_gate)
        {
            if (!_indexed.TryGetValue(stored.Id, out var existing) || existing.Revision < stored.Revision)
            {
                _indexed[stored.Id] = stored;
                Writes++;
            }
        }

        return Task.CompletedTask;
    }

    public Task RecordAuthorActivityAsync(AuthorActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var key = AuthorKeys.For(activity.Platform, activity.AuthorId);
            var current = _authors.GetValueOrDefault(key) ?? AuthorProfile.Empty(activity.Platform, activity.AuthorId);
            var updated = current.Apply(activity);
            if (!ReferenceEquals(updated, current))
            {
                _authors[key] = updated;
                Writes++;
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountAuthorCasesAsync(Platform platform, string authorId, string brandId, DateTimeOffset since, string? exceptCaseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_indexed.Values.Count(c =>
                c.Platform == platform && c.AuthorId == authorId && c.BrandId == brandId && c.Id != exceptCaseId && c.OpenedAt >= since));
        }
    }

    /// <summary>Puts a case in directly (for tests that start from a given state).</summary>
    public Case Seed(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        lock (_gate)
        {
            var stored = c with { Version = NextVersion(), Revision = c.Revision + 1 };
            _cases[c.Id] = stored;
            _indexed[c.Id] = stored;
            return stored;
        }
    }

    private static string SortKey(Case c, CaseOrder order)
    {
        var ticks = c.OpenedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        if (order == CaseOrder.Oldest)
        {
            return ticks + "_" + c.Id;
        }

        var inverted = 10_000 - (int)Math.Round(c.Urgency * 10_000);
        return inverted.ToString("D5", CultureInfo.InvariantCulture) + ticks + "_" + c.Id;
    }

    private string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);
}
