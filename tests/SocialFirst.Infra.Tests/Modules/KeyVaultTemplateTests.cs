using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Modules;

/// <summary>infra/modules/keyvault.bicep</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class KeyVaultTemplateTests
{
    private readonly JsonObject _template;

    public KeyVaultTemplateTests(CompiledTemplatesFixture templates) => _template = templates.Module("keyvault");

    private JsonObject Vault => ArmTemplate.Single(_template, "Microsoft.KeyVault/vaults");

    [Fact]
    public void Vault_Authorization_IsRbacWithSoftDelete()
    {
        Assert.True(Vault["properties"]?["enableRbacAuthorization"]?.GetValue<bool>());
        Assert.True(Vault["properties"]?["enableSoftDelete"]?.GetValue<bool>());
        Assert.Null(Vault["properties"]?["accessPolicies"]);
    }

    [Fact]
    public void Vault_PurgeProtection_IsAParameterNeverAnExplicitFalse()
    {
        // ARM rejects enablePurgeProtection=false; the template sends true or nothing.
        Assert.Equal("[if(parameters('enablePurgeProtection'), true(), null())]", (string?)Vault["properties"]?["enablePurgeProtection"]);
    }

    [Fact]
    public void Template_CreatesNoSecrets() =>
        Assert.DoesNotContain(ArmTemplate.AllResources(_template), r => r.Type.StartsWith("Microsoft.KeyVault/vaults/secrets", StringComparison.Ordinal));
}
