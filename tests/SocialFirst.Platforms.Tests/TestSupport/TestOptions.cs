using Microsoft.Extensions.Options;

namespace SocialFirst.Platforms.Tests.TestSupport;

/// <summary>A fixed <see cref="IOptionsMonitor{T}"/>; <see cref="Set"/> simulates a configuration reload.</summary>
internal sealed class TestOptions<T> : IOptionsMonitor<T>
{
    public TestOptions(T value) => CurrentValue = value;

    public T CurrentValue { get; private set; }

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;

    public void Set(T value) => CurrentValue = value;
}

internal static class TestOptions
{
    public static TestOptions<T> Of<T>(T value) => new(value);
}
