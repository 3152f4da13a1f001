namespace SocialFirst.Platforms.Meta;

/// <summary>
/// Best-effort Facebook links built from Graph ids (the payload carries no permalink except, sometimes,
/// <c>permalink_url</c>, which wins when present). facebook.com resolves <c>/{pageid}_{postid}</c> to the post; a
/// comment is addressed on its post with <c>?comment_id=</c> and the comment's own part of the id (after the last
/// underscore). The authoritative link is the object's <c>permalink_url</c> from the Graph API.
/// </summary>
internal static class FacebookLinks
{
    private const string Base = "https://www.facebook.com/";

    public static string? Post(string? postId) => postId is null ? null : Base + Uri.EscapeDataString(postId);

    public static string? Comment(string? postId, string commentId)
    {
        if (postId is null)
        {
            return null;
        }

        var underscore = commentId.LastIndexOf('_');
        var own = underscore >= 0 ? commentId[(underscore + 1)..] : commentId;
        return $"{Base}{Uri.EscapeDataString(postId)}?comment_id={Uri.EscapeDataString(own)}";
    }
}
