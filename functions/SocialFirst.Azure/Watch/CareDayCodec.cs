using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Metrics;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// The bytes of one rolled-up day: a JSON array of compact rows (times as UTC ticks, later times as tick offsets from
/// the opening, flags as bits, enums by name), Brotli-compressed — about 20–30 bytes per case. No ids of any kind: the
/// case id, the author and every text stay out; the brand is the table partition.
/// </summary>
internal static class CareDayCodec
{
    private const int Complaint = 1, MovedToPrivate = 2, ResolvedInChannel = 4, EscalatedToHuman = 8, Reopened = 16;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Encode(IReadOnlyList<CareCaseFacts> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var json = JsonSerializer.SerializeToUtf8Bytes(cases.Select(ToRow).ToList(), Json);
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(json);
        }

        return output.ToArray();
    }

    public static List<CareCaseFacts> Decode(ReadOnlySpan<byte> data, string brandId) =>
        (JsonSerializer.Deserialize<List<Row>>(DecodeJson(data), Json) ?? []).Select(r => FromRow(r, brandId)).ToList();

    /// <summary>The stored JSON, for people (and tests) reading the table.</summary>
    public static string DecodeJson(ReadOnlySpan<byte> data)
    {
        using var input = new MemoryStream(data.ToArray());
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        return reader.ReadToEnd();
    }

    private static Row ToRow(CareCaseFacts f)
    {
        var t = f.Timeline;
        var opened = t.OpenedAt.UtcTicks;
        long? After(DateTimeOffset? at) => at is { } a ? a.UtcTicks - opened : null;
        return new Row
        {
            O = opened,
            P = t.Platform,
            U = t.Urgency,
            F = (t.IsComplaint ? Complaint : 0) | (t.MovedToPrivate ? MovedToPrivate : 0) | (t.ResolvedInChannel ? ResolvedInChannel : 0)
                | (t.EscalatedToHuman ? EscalatedToHuman : 0) | (f.Reopened ? Reopened : 0),
            A = After(t.FirstResponseAt),
            R = After(t.ResolvedAt),
            L = t.EscalationLevel,
            E = After(t.LastEscalatedAt),
            N = After(f.ReturnedAt),
            T = t.TargetOverride is { } o ? new Target(o.FirstResponse.Ticks, o.Resolution.Ticks, o.Clock) : null,
        };
    }

    private static CareCaseFacts FromRow(Row r, string brandId)
    {
        var opened = new DateTimeOffset(r.O, TimeSpan.Zero);
        DateTimeOffset? At(long? after) => after is { } a ? new DateTimeOffset(r.O + a, TimeSpan.Zero) : null;
        return new CareCaseFacts
        {
            Timeline = new CaseTimeline
            {
                CaseId = string.Empty,
                BrandId = brandId,
                Platform = r.P,
                Urgency = r.U,
                OpenedAt = opened,
                FirstResponseAt = At(r.A),
                ResolvedAt = At(r.R),
                IsComplaint = (r.F & Complaint) != 0,
                MovedToPrivate = (r.F & MovedToPrivate) != 0,
                ResolvedInChannel = (r.F & ResolvedInChannel) != 0,
                EscalatedToHuman = (r.F & EscalatedToHuman) != 0,
                EscalationLevel = r.L,
                LastEscalatedAt = At(r.E),
                TargetOverride = r.T is { } t ? new SlaTarget(TimeSpan.FromTicks(t.FirstResponse), TimeSpan.FromTicks(t.Resolution), t.Clock) : null,
            },
            Reopened = (r.F & Reopened) != 0,
            ReturnedAt = At(r.N),
        };
    }

    /// <summary>One case: o opened (UTC ticks); p platform; u band; f flags; a, r, e, n first response, resolution, last escalation, return (ticks after o); l level; t target override.</summary>
    private sealed record Row
    {
        [JsonPropertyName("o")]
        public long O { get; init; }

        [JsonPropertyName("p")]
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public Platform P { get; init; }

        [JsonPropertyName("u")]
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public UrgencyBand U { get; init; }

        [JsonPropertyName("f")]
        public int F { get; init; }

        [JsonPropertyName("a")]
        public long? A { get; init; }

        [JsonPropertyName("r")]
        public long? R { get; init; }

        [JsonPropertyName("l")]
        public int L { get; init; }

        [JsonPropertyName("e")]
        public long? E { get; init; }

        [JsonPropertyName("n")]
        public long? N { get; init; }

        [JsonPropertyName("t")]
        public Target? T { get; init; }
    }

    private sealed record Target(long FirstResponse, long Resolution, SlaClock Clock);
}
