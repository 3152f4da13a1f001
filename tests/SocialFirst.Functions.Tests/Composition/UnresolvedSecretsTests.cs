using Microsoft.Extensions.Configuration;
using SocialFirst.Functions.Composition;

namespace SocialFirst.Functions.Tests.Composition;

public class UnresolvedSecretsTests
{
    [Fact]
    public void Blank_UnresolvedKeyVaultReferences_BecomeEmpty_OthersUntouched()
    {
        var config = new ConfigurationManager();
        config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platforms:Meta:AppSecret"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/Platforms--Meta--AppSecret)",
            ["Api:Key"] = " @microsoft.keyvault(VaultName=kv;SecretName=api-key)",
            ["Platforms:X:ConsumerSecret"] = "a-real-secret",
        });

        var blanked = UnresolvedSecrets.Blank(config);

        Assert.Equal(["Api:Key", "Platforms:Meta:AppSecret"], blanked.Order(StringComparer.Ordinal));
        Assert.Equal(string.Empty, config["Platforms:Meta:AppSecret"]);
        Assert.Equal(string.Empty, config["Api:Key"]);
        Assert.Equal("a-real-secret", config["Platforms:X:ConsumerSecret"]);
    }
}
