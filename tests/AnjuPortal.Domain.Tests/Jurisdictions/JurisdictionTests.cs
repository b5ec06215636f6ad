using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Tests.Jurisdictions;

public sealed class JurisdictionTests
{
    private static (Jurisdiction Province, Jurisdiction Changchun, Jurisdiction Nanguan, Jurisdiction Kuancheng, Jurisdiction Jilin) Tree()
    {
        var province = Jurisdiction.CreateRoot("220000", "吉林省", JurisdictionLevel.Province);
        var changchun = province.AddChild("220100", "长春市", JurisdictionLevel.Prefecture);
        var nanguan = changchun.AddChild("220102", "南关区", JurisdictionLevel.County);
        var kuancheng = changchun.AddChild("220103", "宽城区", JurisdictionLevel.County);
        var jilin = province.AddChild("220200", "吉林市", JurisdictionLevel.Prefecture);
        return (province, changchun, nanguan, kuancheng, jilin);
    }

    [Fact]
    public void AddChild_BuildsMaterializedPaths_WhenTreeIsBuilt()
    {
        var (province, changchun, nanguan, kuancheng, jilin) = Tree();

        Assert.Equal("/220000/", province.Path);
        Assert.Equal("/220000/220100/", changchun.Path);
        Assert.Equal("/220000/220100/220102/", nanguan.Path);
        Assert.Equal("/220000/220200/", jilin.Path);
        Assert.Same(changchun, nanguan.Parent);
        Assert.Equal([nanguan, kuancheng], changchun.Children);
        Assert.Equal((0, 1), (nanguan.SortOrder, kuancheng.SortOrder));
        Assert.Equal((0, 1), (changchun.SortOrder, jilin.SortOrder));
    }

    [Fact]
    public void IsWithin_IsTrueForSelfAndDescendants_AndFalseForSiblingsAndAncestors()
    {
        var (province, changchun, nanguan, kuancheng, jilin) = Tree();

        Assert.True(nanguan.IsWithin(nanguan.Path));
        Assert.True(nanguan.IsWithin(changchun.Path));
        Assert.True(nanguan.IsWithin(province.Path));
        Assert.True(nanguan.IsWithin("/"));
        Assert.False(nanguan.IsWithin(kuancheng.Path));
        Assert.False(nanguan.IsWithin(jilin.Path));
        Assert.False(changchun.IsWithin(nanguan.Path));
        Assert.False(province.IsWithin(changchun.Path));
        Assert.False(nanguan.IsWithin("#"));
    }

    [Theory]
    [InlineData(JurisdictionLevel.Prefecture)]
    [InlineData(JurisdictionLevel.Province)]
    [InlineData(JurisdictionLevel.Nation)]
    public void AddChild_ThrowsLevelOrderMessage_WhenChildIsNotBelowParent(JurisdictionLevel level)
    {
        var (_, changchun, _, _, _) = Tree();

        var ex = Assert.Throws<DomainException>(() => changchun.AddChild("220199", "错误节点", level));

        Assert.Equal("下级辖区的层级必须低于上级辖区。", ex.Message);
        Assert.Equal(2, changchun.Children.Count);
    }

    [Theory]
    [InlineData("22010")]
    [InlineData("2201020")]
    [InlineData("22A102")]
    [InlineData("")]
    public void CreateRoot_ThrowsCodeMessage_WhenCodeIsNotSixDigits(string code)
    {
        var ex = Assert.Throws<DomainException>(() => Jurisdiction.CreateRoot(code, "某地", JurisdictionLevel.Province));

        Assert.Equal($"行政区划代码“{code}”无效：应为 6 位数字（或本地分配的 6 位代码）。", ex.Message);
    }

    [Fact]
    public void AddChild_WorksOneLevelUp_WhenNationRootSitsAboveProvince()
    {
        var ministry = Jurisdiction.CreateRoot("100000", "住房和城乡建设部", JurisdictionLevel.Nation);
        var jilin = ministry.AddChild("220000", "吉林省", JurisdictionLevel.Province);
        var liaoning = ministry.AddChild("210000", "辽宁省", JurisdictionLevel.Province);
        var changchun = jilin.AddChild("220100", "长春市", JurisdictionLevel.Prefecture);
        var nanguan = changchun.AddChild("220102", "南关区", JurisdictionLevel.County);

        Assert.Equal("/100000/220000/220100/220102/", nanguan.Path);
        Assert.True(nanguan.IsWithin(ministry.Path));
        Assert.True(nanguan.IsWithin(jilin.Path));
        Assert.False(nanguan.IsWithin(liaoning.Path));
        Assert.False(jilin.IsWithin(liaoning.Path));
    }

    [Fact]
    public void AddChild_KeepsFunctionalZoneFlag_WhenZoneIsAdded()
    {
        var (_, changchun, nanguan, _, _) = Tree();

        var zone = changchun.AddChild("220171", "长春经济技术开发区", JurisdictionLevel.County, isFunctionalZone: true);

        Assert.True(zone.IsFunctionalZone);
        Assert.False(nanguan.IsFunctionalZone);
    }

    [Fact]
    public void CreateRoot_ThrowsRequiredMessage_WhenNameIsBlank()
        => Assert.Equal("请填写辖区名称。", Assert.Throws<DomainException>(() => Jurisdiction.CreateRoot("220000", " ", JurisdictionLevel.Province)).Message);
}
