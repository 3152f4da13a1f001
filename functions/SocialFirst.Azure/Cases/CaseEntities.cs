using System.Text.Json;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;

namespace SocialFirst.Azure.Cases;

/// <summary>Maps the case domain to Table entities and back. Lists and records go into JSON string columns.</summary>
internal static class CaseEntities
{
    /// <summary>Characters of text a string column may hold: 64 KiB of UTF-16 is 32,768; we keep a margin.</summary>
    public const int MaxStringChars = 30_000;

    /// <summary>The history column is kept under this many characters by dropping the oldest entries after the first.</summary>
    public const int MaxHistoryJsonChars = 30_000;

    public static TableEntity ToEntity(Case c)
    {
        var e = new TableEntity(c.Id, TableKeys.CaseHeader)
        {
            ["BrandId"] = c.BrandId,
            ["Platform"] = c.Platform.ToString(),
            ["AuthorId"] = c.AuthorId,
            ["Status"] = c.Status.ToString(),
            ["OpenedAt"] = c.OpenedAt,
            ["CreatedAt"] = c.CreatedAt,
            ["UpdatedAt"] = c.UpdatedAt,
            ["LastMentionAt"] = c.LastMentionAt,
            ["Urgency"] = c.Urgency,
            ["Urgent"] = c.Urgent,
            ["UrgencyDecision"] = Cut(c.UrgencyDecision, 2_000),
            ["UrgencyFactors"] = Json(c.UrgencyFactors),
            ["PolicyVersion"] = c.PolicyVersion,
            ["Categories"] = Json(c.Categories),
            ["MentionCount"] = c.MentionCount,
            ["EscalationLevel"] = c.EscalationLevel,
            ["FirstMentionKey"] = c.FirstMentionKey,
            ["History"] = HistoryJson(c.History),
            ["Revision"] = c.Revision,
        };
        Set(e, "AuthorHandle", c.AuthorHandle);
        Set(e, "WaitingSince", c.WaitingSince);
        Set(e, "LastSentiment", c.LastSentiment?.ToString());
        Set(e, "Language", c.Language);
        Set(e, "PendingEscalation", c.PendingEscalation is null ? null : Json(c.PendingEscalation));
        Set(e, "AssignedTo", c.AssignedTo is null ? null : Cut(c.AssignedTo, 1_000));
        Set(e, "MergedInto", c.MergedInto);
        return e;
    }

    public static Case ToCase(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        BrandId = e.GetString("BrandId") ?? string.Empty,
        Platform = Enum<Platform>(e.GetString("Platform")),
        AuthorId = e.GetString("AuthorId") ?? string.Empty,
        AuthorHandle = e.GetString("AuthorHandle"),
        Status = Enum<CaseStatus>(e.GetString("Status")),
        OpenedAt = e.GetDateTimeOffset("OpenedAt") ?? default,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        LastMentionAt = e.GetDateTimeOffset("LastMentionAt") ?? default,
        WaitingSince = e.GetDateTimeOffset("WaitingSince"),
        Urgency = e.GetDouble("Urgency") ?? 0,
        Urgent = e.GetBoolean("Urgent") ?? false,
        UrgencyDecision = e.GetString("UrgencyDecision") ?? string.Empty,
        UrgencyFactors = FromJson<List<UrgencyFactor>>(e.GetString("UrgencyFactors")) ?? [],
        PolicyVersion = e.GetString("PolicyVersion") ?? string.Empty,
        Categories = FromJson<List<string>>(e.GetString("Categories")) ?? [],
        LastSentiment = e.GetString("LastSentiment") is { } s ? Enum<Sentiment>(s) : null,
        Language = e.GetString("Language"),
        MentionCount = e.GetInt32("MentionCount") ?? 0,
        EscalationLevel = e.GetInt32("EscalationLevel") ?? 0,
        PendingEscalation = FromJson<PendingEscalation>(e.GetString("PendingEscalation")),
        FirstMentionKey = e.GetString("FirstMentionKey") ?? string.Empty,
        History = FromJson<List<CaseTransition>>(e.GetString("History")) ?? [],
        AssignedTo = e.GetString("AssignedTo"),
        MergedInto = e.GetString("MergedInto"),
        Revision = e.GetInt32("Revision") ?? 0,
        Version = e.ETag.ToString(),
    };

    public static TableEntity ToEntity(CaseMention m)
    {
        var e = new TableEntity(m.CaseId, m.Key)
        {
            ["DedupKey"] = m.DedupKey,
            ["Platform"] = m.Platform.ToString(),
            ["Kind"] = m.Kind.ToString(),
            ["EventId"] = Cut(m.EventId, 1_000),
            ["ObjectId"] = Cut(m.ObjectId, 1_000),
            ["AuthorId"] = m.AuthorId,
            ["Text"] = Cut(m.Text, MaxStringChars),
            ["TextTruncated"] = m.TextTruncated || m.Text.Length > MaxStringChars,
            ["TextRedacted"] = m.TextRedacted,
            ["Language"] = m.Language,
            ["Sentiment"] = m.Sentiment.ToString(),
            ["Categories"] = Json(m.Categories),
            ["Urgency"] = m.Urgency,
            ["Urgent"] = m.Urgent,
            ["CreatedAt"] = m.CreatedAt,
            ["TriagedAt"] = m.TriagedAt,
            ["Deleted"] = m.Deleted,
            ["Hidden"] = m.Hidden,
        };
        Set(e, "ThreadId", m.ThreadId);
        Set(e, "ParentId", m.ParentId);
        Set(e, "AuthorHandle", m.AuthorHandle);
        Set(e, "Followers", m.Followers);
        Set(e, "Permalink", m.Permalink is null ? null : Cut(m.Permalink, 2_000));
        Set(e, "RawDeliveryRef", m.RawDeliveryRef);
        Set(e, "EditedAt", m.EditedAt);
        Set(e, "DeletedAt", m.DeletedAt);
        return e;
    }

    public static CaseMention ToMention(TableEntity e) => new()
    {
        CaseId = e.PartitionKey,
        Key = e.RowKey,
        DedupKey = e.GetString("DedupKey") ?? string.Empty,
        Platform = Enum<Platform>(e.GetString("Platform")),
        Kind = Enum<MentionKind>(e.GetString("Kind")),
        EventId = e.GetString("EventId") ?? string.Empty,
        ObjectId = e.GetString("ObjectId") ?? string.Empty,
        ThreadId = e.GetString("ThreadId"),
        ParentId = e.GetString("ParentId"),
        AuthorId = e.GetString("AuthorId") ?? string.Empty,
        AuthorHandle = e.GetString("AuthorHandle"),
        Followers = e.GetInt64("Followers"),
        Text = e.GetString("Text") ?? string.Empty,
        TextTruncated = e.GetBoolean("TextTruncated") ?? false,
        TextRedacted = e.GetBoolean("TextRedacted") ?? false,
        Language = e.GetString("Language") ?? "unknown",
        Sentiment = Enum<Sentiment>(e.GetString("Sentiment")),
        Categories = FromJson<List<string>>(e.GetString("Categories")) ?? [],
        Urgency = e.GetDouble("Urgency") ?? 0,
        Urgent = e.GetBoolean("Urgent") ?? false,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        TriagedAt = e.GetDateTimeOffset("TriagedAt") ?? default,
        Permalink = e.GetString("Permalink"),
        RawDeliveryRef = e.GetString("RawDeliveryRef"),
        EditedAt = e.GetDateTimeOffset("EditedAt"),
        Deleted = e.GetBoolean("Deleted") ?? false,
        DeletedAt = e.GetDateTimeOffset("DeletedAt"),
        Hidden = e.GetBoolean("Hidden") ?? false,
    };

    public static TableEntity ToEntity(string partitionKey, AuthorProfile p)
    {
        var e = new TableEntity(partitionKey, TableKeys.Profile)
        {
            ["Platform"] = p.Platform.ToString(),
            ["AuthorId"] = Cut(p.AuthorId, 2_000),
            ["Positive"] = p.Positive,
            ["Neutral"] = p.Neutral,
            ["Negative"] = p.Negative,
            ["Mixed"] = p.Mixed,
            ["Originals"] = p.Originals,
            ["Responses"] = p.Responses,
            ["Private"] = p.Private,
            ["FirstSeen"] = p.FirstSeen,
            ["LastSeen"] = p.LastSeen,
            ["Role"] = p.Role.ToString(),
            ["RecentKeys"] = string.Join(',', p.RecentKeys),
        };
        Set(e, "Handle", p.Handle);
        Set(e, "DisplayName", p.DisplayName);
        Set(e, "Followers", p.Followers);
        return e;
    }

    public static AuthorProfile ToProfile(TableEntity e) => new()
    {
        Platform = Enum<Platform>(e.GetString("Platform")),
        AuthorId = e.GetString("AuthorId") ?? string.Empty,
        Handle = e.GetString("Handle"),
        DisplayName = e.GetString("DisplayName"),
        Followers = e.GetInt64("Followers"),
        Positive = e.GetInt32("Positive") ?? 0,
        Neutral = e.GetInt32("Neutral") ?? 0,
        Negative = e.GetInt32("Negative") ?? 0,
        Mixed = e.GetInt32("Mixed") ?? 0,
        Originals = e.GetInt32("Originals") ?? 0,
        Responses = e.GetInt32("Responses") ?? 0,
        Private = e.GetInt32("Private") ?? 0,
        FirstSeen = e.GetDateTimeOffset("FirstSeen") ?? default,
        LastSeen = e.GetDateTimeOffset("LastSeen") ?? default,
        RecentKeys = (e.GetString("RecentKeys") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        Version = e.ETag.ToString(),
    };

    /// <summary>A row of the brand index (by age or by urgency): what a case list shows.</summary>
    public static TableEntity ToIndexRow(string partitionKey, string rowKey, Case c)
    {
        var row = new TableEntity(partitionKey, rowKey)
        {
            ["CaseId"] = c.Id,
            ["Platform"] = c.Platform.ToString(),
            ["AuthorId"] = Cut(c.AuthorId, 2_000),
            ["Status"] = c.Status.ToString(),
            ["Urgency"] = c.Urgency,
            ["Urgent"] = c.Urgent,
            ["EscalationLevel"] = c.EscalationLevel,
            ["MentionCount"] = c.MentionCount,
            ["OpenedAt"] = c.OpenedAt,
            ["UpdatedAt"] = c.UpdatedAt,
            ["Revision"] = c.Revision,
        };
        Set(row, "AssignedTo", c.AssignedTo is null ? null : Cut(c.AssignedTo, 1_000));
        return row;
    }

    public static CaseSummary ToSummary(string brandId, TableEntity e) => new(
        e.GetString("CaseId") ?? string.Empty,
        brandId,
        Enum<Platform>(e.GetString("Platform")),
        e.GetString("AuthorId") ?? string.Empty,
        Enum<CaseStatus>(e.GetString("Status")),
        e.GetDouble("Urgency") ?? 0,
        e.GetBoolean("Urgent") ?? false,
        e.GetInt32("EscalationLevel") ?? 0,
        e.GetInt32("MentionCount") ?? 0,
        e.GetDateTimeOffset("OpenedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default)
    {
        AssignedTo = e.GetString("AssignedTo"),
    };

    public static void Set(TableEntity e, string name, object? value)
    {
        if (value is not null)
        {
            e[name] = value;
        }
    }

    private static string HistoryJson(IReadOnlyList<CaseTransition> history)
    {
        var kept = history.ToList();
        var json = Json(kept);
        while (json.Length > MaxHistoryJsonChars && kept.Count > 2)
        {
            kept.RemoveAt(1);
            json = Json(kept);
        }

        return json;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StorageJson.Options);

    private static T? FromJson<T>(string? json)
        where T : class => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, StorageJson.Options);

    private static T Enum<T>(string? value)
        where T : struct, Enum => System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : default;
}
