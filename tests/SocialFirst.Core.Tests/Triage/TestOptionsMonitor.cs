using Microsoft.Extensions.Options;

namespace SocialFirst.Core.Tests.Triage;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> that always answers one value.</summary>
public sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
