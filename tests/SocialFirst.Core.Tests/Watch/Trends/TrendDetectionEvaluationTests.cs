using SocialFirst.Core.Watch.Trends;
using Xunit.Abstractions;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class TrendDetectionEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_FiftyScenariosWithAndWithoutIncidents_HighRecallAndRareFalseAlarms()
    {
        var result = TrendDetectionEvaluation.Run(scenarios: 50);

        output.WriteLine($"scenarios: {result.CleanScenarios} clean + {result.IncidentScenarios} with an incident (14 days each)");
        output.WriteLine($"recall (first or second window): {result.Detected}/{result.IncidentScenarios} = {result.Recall:P1} " +
            $"(spikes {result.DetectedSpikes}, clusters {result.DetectedClusters}, negative surges {result.DetectedSurges})");
        output.WriteLine($"false alarms: {result.FalseAlarmsClean} in {result.CleanDays} clean days = {result.FalseAlarmsPerDay:0.###}/day; " +
            $"{result.FalseAlarmsInIncidentScenarios} outside the incident in the incident scenarios");
        output.WriteLine($"time: {result.Seconds:0.0} s");

        Assert.True(result.Recall >= 0.75, $"recall {result.Recall:P1}");
        Assert.True(result.FalseAlarmsPerDay <= 0.02, $"false alarms per day {result.FalseAlarmsPerDay}");
    }
}
