using Microsoft.Extensions.Options;
using SocialFirst.Platforms.Generic;
using SocialFirst.Platforms.WeChat;

namespace SocialFirst.Platforms;

/// <summary>Source-generated DataAnnotations validators, run at start (AddOptionsWithValidateOnStart).</summary>
[OptionsValidator]
internal sealed partial class GenericWebhookOptionsValidator : IValidateOptions<GenericWebhookOptions>;

/// <inheritdoc cref="GenericWebhookOptionsValidator"/>
[OptionsValidator]
internal sealed partial class WeChatWebhookOptionsValidator : IValidateOptions<WeChatWebhookOptions>;

/// <summary>
/// Cross-field rule the annotations cannot express: safe mode needs both the EncodingAESKey and the AppID.
/// </summary>
internal sealed class WeChatSafeModeValidator : IValidateOptions<WeChatWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.EncodingAesKey) != string.IsNullOrEmpty(options.AppId))
        {
            return ValidateOptionsResult.Fail(
                "Platforms:WeChat:EncodingAesKey and Platforms:WeChat:AppId are needed together for safe mode (set both or neither).");
        }

        if (!string.IsNullOrEmpty(options.EncodingAesKey) && string.IsNullOrEmpty(options.Token))
        {
            return ValidateOptionsResult.Fail("Platforms:WeChat:Token is required when EncodingAesKey is set.");
        }

        return ValidateOptionsResult.Success;
    }
}
