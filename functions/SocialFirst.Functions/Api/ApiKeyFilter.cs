using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Api;

/// <summary>
/// Standalone: every API call needs the configured key (compared in constant time). Under the Functions host the route's
/// <c>authLevel: function</c> is checked by the host before it proxies the request, so the handler trusts it.
/// </summary>
public sealed class ApiKeyFilter(IOptions<ApiOptions> options, HostingMode mode) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (mode.IsStandalone && !Authorized(context.HttpContext.Request))
        {
            return Results.Json(new { error = "missing or wrong API key (X-Api-Key)" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    private bool Authorized(HttpRequest request)
    {
        var configured = options.Value;
        if (!configured.IsUsable)
        {
            return false;
        }

        var presented = request.Headers["X-Api-Key"].FirstOrDefault() ?? request.Headers["x-functions-key"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(configured.Key));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
