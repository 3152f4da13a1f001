using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Language;
using SocialFirst.Core.Cases;

namespace SocialFirst.Functions.Tests.Composition;

public class PiiRedactorCompositionTests
{
    private sealed class Factory(string mode) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:ConnectionString", "UseDevelopmentStorage=true");
            builder.UseSetting("Storage:MaxRetries", "0");
            builder.UseSetting("Standalone:DisableTriggers", "true");
            builder.UseSetting("Language:Mode", mode);
            builder.UseSetting("Language:Endpoint", "https://lang-test.cognitiveservices.azure.com");
            builder.UseSetting("Language:ApiKey", "test-key");
        }
    }

    [Theory]
    [InlineData("Embedded", typeof(RegexPiiRedactor))]
    [InlineData("Cascade", typeof(AzureLanguagePiiRedactor))]
    [InlineData("Azure", typeof(AzureLanguagePiiRedactor))]
    public void PiiRedactor_FollowsTheLanguageMode(string mode, Type expected)
    {
        using var factory = new Factory(mode);

        Assert.IsType(expected, factory.Services.GetRequiredService<IPiiRedactor>());
    }
}
