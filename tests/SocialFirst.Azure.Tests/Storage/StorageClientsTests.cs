using System.ComponentModel.DataAnnotations;
using SocialFirst.Azure.Storage;

namespace SocialFirst.Azure.Tests.Storage;

/// <summary>The storage clients' connection pool is bounded: an unbounded one turns a short storage stall into a connection storm.</summary>
public class StorageClientsTests
{
    [Fact]
    public void CreateHandler_Default_LimitsConnectionsPerEndpointTo64()
    {
        using var handler = StorageClients.CreateHandler(new StorageOptions());

        Assert.Equal(64, handler.MaxConnectionsPerServer);
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
    }

    [Fact]
    public void CreateHandler_Zero_LeavesTheRuntimeDefault_NoLimit()
    {
        using var handler = StorageClients.CreateHandler(new StorageOptions { MaxConnectionsPerEndpoint = 0 });

        Assert.Equal(int.MaxValue, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void StorageOptions_NegativeConnectionLimit_IsInvalid()
    {
        var options = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", MaxConnectionsPerEndpoint = -1 };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(StorageOptions.MaxConnectionsPerEndpoint)));
    }
}
