using SocialFirst.Cli.Commands;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using InfluenceRole = SocialFirst.Core.Watch.Influence.AuthorRole;

namespace SocialFirst.Cli.Tests.Commands;

public class InfluencersCommandTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static InfluenceReport Report(params Influencer[] authors) =>
        new("acme", InfluenceList.Critic, AsOf, AsOf.AddDays(-90), 7, 6, 13, authors);

    private static Influencer Author(int rank, string id, string? handle, long? followers, double? trend) =>
        new(rank, Platform.X, id, handle, followers, InfluenceRole.Critic, 0.4037, 0.4037, 0.5, 0.2592, -1, trend, 2, 1, 0, 0.5, [], "critic: score 0.4037");

    [Fact]
    public void ToTable_OneLinePerAuthor_ThenTheExplanations()
    {
        var table = InfluencersCommand.ToTable(Report(Author(1, "111", "@bigangry", 250_000, -0.5), Author(2, "222", null, null, null)));

        Assert.StartsWith("Top critic authors of acme as of 2026-03-02 12:00 UTC (mentions since 2025-12-02; 7 authors, 13 mentions in 6 cases)\n", table, StringComparison.Ordinal);
        Assert.Matches(@"\n1\s+x\s+@bigangry\s+250,000\s+critic\s+0\.4037\s+0\.4037\s+0\.50\s+0\.26\s+-1\.00\s+-0\.50\s+2\n", table);
        Assert.Matches(@"\n2\s+x\s+222\s+\?\s+critic\s.*\s-\s+2\n", table);   // no handle: the id; unknown followers and trend
        Assert.EndsWith("\n1. critic: score 0.4037\n2. critic: score 0.4037\n", table, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTable_NoAuthors_SaysSo()
    {
        Assert.EndsWith("\n(none)\n", InfluencersCommand.ToTable(Report()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task RunAsync_TopOutOfRange_Is2_WithoutACall(int top)
    {
        using var output = new StringWriter();
        using var http = new HttpClient(new RefusingHandler());

        var exit = await new InfluencersCommand(output).RunAsync(http, new Uri("http://127.0.0.1:9"), "acme", InfluenceList.Rising, top, null, null, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("--top must be 1..100", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AppUnreachable_Is1_WithTheReason()
    {
        using var output = new StringWriter();
        using var http = new HttpClient(new UnreachableHandler());

        var exit = await new InfluencersCommand(output).RunAsync(http, new Uri("http://127.0.0.1:9"), "acme", InfluenceList.Critic, 10, null, null, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal("influencers request failed: connection refused\n", output.ToString().ReplaceLineEndings("\n"));
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no call expected");
    }
}
