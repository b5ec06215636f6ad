namespace AnjuPortal.Web.Resources;

/// <summary>Marker type for the UI's text resources (<c>UiText.resx</c>, neutral language zh-CN).</summary>
public sealed class UiText;
