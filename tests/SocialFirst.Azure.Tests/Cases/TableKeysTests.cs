using SocialFirst.Azure.Cases;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Azure.Tests.Cases;

public class TableKeysTests
{
    private static Case At(double urgency, DateTimeOffset opened, string id, CaseStatus status = CaseStatus.Triaged) =>
        Case.Open(id, "acme", Platform.X, "u", null, opened, "k", opened, "triage") with { Urgency = urgency, Status = status };

    [Theory]
    [InlineData("a/b\\c#d?e%f", "a%2Fb%5Cc%23d%3Fe%25f")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("普通", "普通")]
    public void Encode_ForbiddenCharacters_Escaped(string value, string expected) => Assert.Equal(expected, TableKeys.Encode(value));

    [Fact]
    public void Encode_VeryLongValue_HashedUnderKeyLimit()
    {
        var key = TableKeys.Encode(new string('x', 5_000));

        Assert.StartsWith("~", key, StringComparison.Ordinal);
        Assert.True(key.Length < 100);
    }

    [Fact]
    public void ByUrgency_SortsMostUrgentFirstThenOldest()
    {
        var t = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var keys = new[]
        {
            TableKeys.ByUrgency(At(0.5, t, "AAAAAAAAA1"))!,
            TableKeys.ByUrgency(At(0.95, t.AddDays(1), "AAAAAAAAA2"))!,
            TableKeys.ByUrgency(At(0.5, t.AddHours(-1), "AAAAAAAAA3"))!,
            TableKeys.ByUrgency(At(1.0, t, "AAAAAAAAA4"))!,
        };

        var ordered = keys.Order(StringComparer.Ordinal).Select(k => k[^10..]).ToList();

        Assert.Equal(["AAAAAAAAA4", "AAAAAAAAA2", "AAAAAAAAA3", "AAAAAAAAA1"], ordered);
    }

    [Fact]
    public void ByUrgency_ClosedCase_HasNoUrgencyRow() =>
        Assert.Null(TableKeys.ByUrgency(At(0.9, DateTimeOffset.UnixEpoch, "AAAAAAAAA1", CaseStatus.Resolved)));

    [Fact]
    public void Lookup_SpreadsOverManyPartitions()
    {
        var partitions = Enumerable.Range(0, 2_000).Select(i => TableKeys.Lookup('d', "x:created:" + i).PartitionKey).ToHashSet();

        Assert.True(partitions.Count > 200, $"{partitions.Count} partitions");
    }

    [Fact]
    public void IsCaseId_OnlyOurAlphabet() =>
        Assert.Equal([true, false, false, false], new[] { "K3F9QX2M7A", "k3f9qx2m7a", "A/B", "" }.Select(TableKeys.IsCaseId));
}
