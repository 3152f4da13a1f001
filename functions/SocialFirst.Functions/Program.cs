var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "SocialFirst");
app.Run();
