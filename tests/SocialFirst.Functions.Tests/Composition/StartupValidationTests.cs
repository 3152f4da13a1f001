using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace SocialFirst.Functions.Tests.Composition;

/// <summary>A missing or bad setting stops the app at start with a message that names the setting.</summary>
public class StartupValidationTests
{
    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Standalone:DisableTriggers", "true");
            foreach (var (k, v) in settings)
            {
                builder.UseSetting(k, v);
            }
        }
    }

    private const string Azurite = "UseDevelopmentStorage=true";

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        // No storage at all (neither Storage:* nor the host's AzureWebJobsStorage).
        { "Storage:ConnectionString", null, "Storage:ConnectionString" },
        { "MentionsQueue", "Bad_Queue_Name", "MentionsQueue" },
        { "Ingestion:MaxBodyBytes", "10", "MaxBodyBytes" },
        { "Platforms:Generic:ReplayWindowSeconds", "0", "ReplayWindowSeconds" },
        { "Brands:acme:Accounts:0", "myspace:123", "Brands:acme:Accounts" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Start_BadSetting_FailsNamingIt(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = Azurite, [key] = value };
        if (key == "Storage:ConnectionString")
        {
            settings["AzureWebJobsStorage"] = null;
        }

        using var factory = new Factory(settings);

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Flatten(ex).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(validation);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException agg)
            {
                foreach (var inner in agg.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
