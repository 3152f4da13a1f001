using SocialFirst.Functions.Composition;

// Composition only. Under the Functions host this is a custom handler; without one it runs standalone.
var builder = WebApplication.CreateBuilder(args);
builder.AddSocialFirstFunctionApp(args);

var app = builder.Build();
app.MapSocialFirstFunctions();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
