using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.Tests.Messaging;

/// <summary>The messaging services as the app registers them, with a fake clock and captured logs.</summary>
internal static class MessagingTestHost
{
    public static readonly DateTimeOffset Now = new(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static ServiceProvider Create(Dictionary<string, string?> settings, CapturingLoggerProvider? logs = null, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs ?? new CapturingLoggerProvider()));
        before?.Invoke(services);
        return services.AddSocialFirstMessaging().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static PrivateMessageTarget Target(Platform platform, MentionKind kind, string account, string replyTo = "obj-1", string author = "1234567890") => new()
    {
        Platform = platform,
        BrandAccountId = account,
        Kind = kind,
        ReplyToId = replyTo,
        AuthorId = author,
        MentionCreatedAt = Now.AddHours(-1),
    };
}

/// <summary>Keeps every formatted log message.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue($"{category}|{eventId.Id}|{formatter(state, exception)}|{exception}");
    }
}
