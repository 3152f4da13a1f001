using SocialFirst.Core.Watch.Trends;
using Xunit.Abstractions;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class ZzDiagTests(ITestOutputHelper output)
{
    [Fact]
    public void Diag()
    {
        var policy = TrendPolicy.Default with { BaselineFloor = 0.2 };
        for (var i = 0; i < 45; i++)
        {
            var clean = new SyntheticTrendStream(seed: 10_900 + i);
            foreach (var a in TrendReplay.Run(clean, policy).Alerts)
            {
                output.WriteLine($"FA clean#{i} w{TrendReplay.WindowOf(clean, a)} {a.WindowStart:ddd HH:mm} {a.Summary} src={a.Signals[0].BaselineSource} p={a.Signals[0].PValue:E1}");
            }
        }
    }
}
