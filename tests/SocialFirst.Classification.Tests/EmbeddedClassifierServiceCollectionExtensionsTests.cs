using Microsoft.Extensions.DependencyInjection;
using Moq;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Tests;

public class EmbeddedClassifierServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEmbeddedClassifier_RegistersSingletonAsClassifierInterface()
    {
        var services = new ServiceCollection();

        services.AddEmbeddedClassifier();

        var concrete = Assert.Single(services, d => d.ServiceType == typeof(EmbeddedClassifier));
        var contract = Assert.Single(services, d => d.ServiceType == typeof(IMentionClassifier));
        Assert.Equal(ServiceLifetime.Singleton, concrete.Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, contract.Lifetime);

        var classifier = (EmbeddedClassifier)concrete.ImplementationFactory!(Mock.Of<IServiceProvider>());
        var provider = new Mock<IServiceProvider>();
        provider.Setup(p => p.GetService(typeof(EmbeddedClassifier))).Returns(classifier);
        Assert.Same(classifier, contract.ImplementationFactory!(provider.Object));
    }
}
