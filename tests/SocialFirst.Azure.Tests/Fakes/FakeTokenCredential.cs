using System.Collections.Concurrent;
using Azure.Core;

namespace SocialFirst.Azure.Tests.Fakes;

/// <summary>A token credential that hands out a fixed token and records the scopes asked for.</summary>
public sealed class FakeTokenCredential(string token = "fake-entra-token") : TokenCredential
{
    private readonly ConcurrentQueue<string> _scopes = new();

    public string Token { get; } = token;

    public IReadOnlyList<string> Scopes => _scopes.ToArray();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            _scopes.Enqueue(scope);
        }

        return new AccessToken(Token, TimeProvider.System.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
