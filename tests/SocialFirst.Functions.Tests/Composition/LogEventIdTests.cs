using System.Reflection;
using Microsoft.Extensions.Logging;
using SocialFirst.Functions.Composition;

namespace SocialFirst.Functions.Tests.Composition;

/// <summary>Log event ids are how operators filter and alert: each must mean one thing across the whole app.</summary>
public class LogEventIdTests
{
    [Fact]
    public void LoggerMessages_AcrossTheAppsAssemblies_HaveUniqueEventIds()
    {
        var assemblies = new[] { typeof(FunctionAppComposition).Assembly }
            .Concat(typeof(FunctionAppComposition).Assembly.GetReferencedAssemblies()
                .Where(a => a.Name!.StartsWith("SocialFirst.", StringComparison.Ordinal))
                .Select(Assembly.Load))
            .ToList();

        var messages = (
            from assembly in assemblies
            from type in assembly.GetTypes()
            from method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
            where attribute is not null
            select (attribute.EventId, Where: $"{type.FullName}.{method.Name}")).ToList();
        var clashes = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Where))}")
            .ToList();

        Assert.True(assemblies.Count >= 5, string.Join(", ", assemblies.Select(a => a.GetName().Name)));
        Assert.True(messages.Count > 50, $"only {messages.Count} logger messages found");
        Assert.True(clashes.Count == 0, "event ids used twice:\n" + string.Join("\n", clashes));
    }
}
