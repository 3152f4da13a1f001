using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Tests.Contracts;

/// <summary>
/// Every function.json has a handler endpoint and every endpoint a function.json: what the host will call exists,
/// and nothing is served that the host does not know about.
/// </summary>
public sealed class FunctionContractTests : IClassFixture<FunctionContractTests.AppFactory>
{
    private readonly AppFactory _factory;

    public FunctionContractTests(AppFactory factory) => _factory = factory;

    public sealed class AppFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            // Storage is never reached here: nothing listens on this port, and triggers are off.
            builder.UseSetting("Storage:ConnectionString", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");
            builder.UseSetting("Storage:MaxRetries", "0");
            builder.UseSetting("Standalone:DisableTriggers", "true");
        }
    }

    private FunctionCatalog Catalog => _factory.Services.GetRequiredService<FunctionCatalog>();

    private IReadOnlyList<RouteEndpoint> Endpoints
    {
        get
        {
            _ = _factory.Server; // builds the app
            return _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        }
    }

    public static TheoryData<string> ExpectedFunctions => new()
    {
        "MetaWebhook", "XWebhook", "WeChatWebhook", "WeiboWebhook", "GenericWebhook", "Health", "CasesList", "CaseGet", "Triage", "Escalate", "PoisonWatch", "DeadLetterDrain", "Metrics", "SlaWatch", "TrendWatch", "IncidentsList", "IncidentGet", "AuthorErase", "RetentionWatch", "DeferredTriageWatch", "CaseActions", "Influencers", "CareRollUp",
    };

    [Theory]
    [MemberData(nameof(ExpectedFunctions))]
    public void Catalog_ContainsFunction(string name)
    {
        Assert.NotNull(Catalog.Find(name));
    }

    [Fact]
    public void EveryProxiedHttpFunction_HasAMatchingRouteForEachMethod()
    {
        foreach (var function in Catalog.Functions.Where(f => f.Kind == TriggerKind.Http))
        {
            Assert.True(function.IsProxiedHttp, $"{function.Name} must be http-in/http-out only so the host proxies the raw request");
            var path = "/api/" + function.Trigger.Route;
            foreach (var method in function.Trigger.Methods ?? ["GET", "POST"])
            {
                Assert.True(
                    Endpoints.Any(e => Matches(e, path) && AllowsMethod(e, method)),
                    $"{function.Name}: no endpoint serves {method} {path}");
            }
        }
    }

    [Fact]
    public void EveryNonHttpFunction_HasAnInvocationRoute()
    {
        foreach (var function in Catalog.Functions.Where(f => f.Kind != TriggerKind.Http))
        {
            Assert.True(
                Endpoints.Any(e => Matches(e, "/" + function.Name) && AllowsMethod(e, "POST")),
                $"{function.Name}: no POST /{function.Name} endpoint for host invocations");
        }
    }

    [Fact]
    public void EveryEndpoint_BelongsToAFunction()
    {
        var httpPaths = Catalog.Functions.Where(f => f.Kind == TriggerKind.Http).Select(f => "/api/" + f.Trigger.Route).ToList();
        var invocationPaths = Catalog.Functions.Where(f => f.Kind != TriggerKind.Http).Select(f => "/" + f.Name).ToList();
        foreach (var endpoint in Endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            if (pattern is "/" or "")
            {
                continue; // the host's readiness probe
            }

            Assert.True(
                httpPaths.Concat(invocationPaths).Any(p => Matches(endpoint, p)),
                $"endpoint {pattern} has no function.json, so the Functions host would never call it");
        }
    }

    [Fact]
    public void BindingSettings_ResolveFromAppSettings()
    {
        var triage = Catalog.Find("Triage")!;
        var escalate = Catalog.Find("Escalate")!;
        var config = _factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(config["MentionsQueue"], triage.Trigger.QueueName);
        Assert.Equal(config["EscalationsQueue"], escalate.Trigger.QueueName);
        Assert.Equal("ServiceBusConnection", escalate.Trigger.Connection);
        Assert.Equal(TriggerKind.Timer, Catalog.Find("PoisonWatch")!.Kind);
    }

    private static bool Matches(RouteEndpoint endpoint, string path)
    {
        var template = TemplateParser.Parse(endpoint.RoutePattern.RawText ?? string.Empty);
        var matcher = new TemplateMatcher(template, new RouteValueDictionary());
        return matcher.TryMatch(path, new RouteValueDictionary());
    }

    private static bool AllowsMethod(RouteEndpoint endpoint, string method)
    {
        var metadata = endpoint.Metadata.GetMetadata<HttpMethodMetadata>();
        return metadata is null || metadata.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase);
    }
}
