namespace SocialFirst.Classification.Text;

/// <summary>
/// A compact table of common characters that differ between Simplified and Traditional Chinese, written for this
/// project (one simplified character, one traditional character, same position). It decides zh-Hans vs zh-Hant by
/// counting characters that exist in only one script, and folds Traditional to Simplified so one Chinese lexicon
/// and rule set serve both. Pairs whose simplified form is also an ordinary Traditional character (里, 台, 干, 后...)
/// fold but do not count as evidence.
/// </summary>
internal static class ChineseScript
{
    private const string Simplified = "万与业东丝丢两严个为么乐书买乱争于亏亚产亲亿仅从仓们众优会伞伟传伤伪体侠侣侦侧债倾偿储儿关内册写军农冻净凉减凤击划则刚创删别剂剑剧劝办务动励劳势勋区医华协单卖卢卫却厂厅压厌厕县参双发变叙叶号叹吓吗吨听启吴呕员呛响哑唤啸团园围国图圆圣场坏块坚坛坟垄垫声处备够头夸夹夺奋奖妆妇妈娇娱孙学宁宝实宠审宪宫宽宾寝对寻导寿将尔尘尝尴尸层屉届属岁岂岗岛峡币帅师帐帘帜带帮广庄庆库应废开异弃张弯弹强归当录彦彻征径忆忏忧怀态怂怜总恋恳恶恼悦悬惊惧惨惩惫惭惯愤愿懒戏战户扑执扩扫扬扰抚抛抢护报担拟拢拣拥拦拧拨择挂挡挣挤挥挽捞损捡换捣据掳掷掸掺揽搀搁搂搅携摄摆摇摊撑撵擞敌敛数斋斩断无旧时旷昙昼显晋晒晓晕暂术机杀杂权杆条来杨极构枣枪枫柜柠标栋栏树样桥梦检棂椭楼榄槛横欢欧歼残殴毁毕毙气汇汉污汤沟没沦沪泞泪泻泼泽洁洒浅浆浇浊测济浏浑浓涛涝涡涣润涨渊渍渐渔温湾湿溃溅滚满滤滥滨滩潇潜澜灭灯灵灾灿炉炖点炼烁烂烛烟烦烧烫热焕爱爷牍牵状犹狈独狮狱猎猪猫献玛环现玺琐琼电画畅疖疗疟疮疯痈痒痴瘫瘾皑盏盐监盖盘眯着睁瞒矫矿码砖砚础硕确碍礼祷祸离秃秆种积称税稣稳穷窃窍窑窝竖竞笃笋笔笼筑筹签简类粪粮紧纠红纤约级纪纬纯纱纲纳纵纷纸纹纺线练组绅细织终绊绍绎经绑绒结绕绘给绚络绝绞统绢绣继绩绪续绳维绵绸综绽绿缀缓编缘缚缝缠缩缴网罗罚罢聋职联聪肃肠肤肾肿胀胁胆胜胶脉脏脐脑脓脚脱脸腊腻腾舆舰舱艰艳艺节芜芦苍苏苹茧荐荡荣药莱莲获莹萝萤营萧蓝蔼虏虑虚虫虽虾蚀蚁蚂蛮蜡蝇衅补衬袄袜装裤见观规视览觉誉计订认讨让训议讯记讲讶许论讼讽设访证评识诈诉诊词译试诗诚话询该详语误诱说请诸诺读课谁调谅谈谊谋谎谓谜谢谣谨谱贝贞负贡财责贤败账货质贩贪贫购贯贴贵贷贸费贺贼资赌赏赐赔赖赚赛赞赠赵赶趋跃践踪躏车轨轩转轮软轰轻载轿较辅辆辈辉输辞辩边辽达迁过迈运还这进远违连迟适选逊递逻遗邓邮邻酱酿释鉴针钓钙钝钞钟钢钥钦钩钮钱钻铁铃铅铜铝银铺链销锁锅锈锋锐错锡锣锤键锯镇镜长门闪闭问闯闲间闷闸闹闻阀阁阅队阳阴阵阶际陆陈陕险随隐隶难雏雾静韩页顶项顺须顽顾顿颁颂预领颇频颗题颜额风飘飞饥饭饮饰饱饲饺饼馆驱驳驴驶驻驾骂骄骆验骑骗骚鱼鲁鲜鸟鸡鸣鸭鹅麦黄齐齿龄龙龟盗尽啰";

    private const string Traditional = "萬與業東絲丟兩嚴個為麼樂書買亂爭於虧亞產親億僅從倉們眾優會傘偉傳傷偽體俠侶偵側債傾償儲兒關內冊寫軍農凍淨涼減鳳擊劃則剛創刪別劑劍劇勸辦務動勵勞勢勳區醫華協單賣盧衛卻廠廳壓厭廁縣參雙發變敘葉號嘆嚇嗎噸聽啟吳嘔員嗆響啞喚嘯團園圍國圖圓聖場壞塊堅壇墳壟墊聲處備夠頭誇夾奪奮獎妝婦媽嬌娛孫學寧寶實寵審憲宮寬賓寢對尋導壽將爾塵嘗尷屍層屜屆屬歲豈崗島峽幣帥師帳簾幟帶幫廣莊慶庫應廢開異棄張彎彈強歸當錄彥徹徵徑憶懺憂懷態慫憐總戀懇惡惱悅懸驚懼慘懲憊慚慣憤願懶戲戰戶撲執擴掃揚擾撫拋搶護報擔擬攏揀擁攔擰撥擇掛擋掙擠揮輓撈損撿換搗據擄擲撣摻攬攙擱摟攪攜攝擺搖攤撐攆擻敵斂數齋斬斷無舊時曠曇晝顯晉曬曉暈暫術機殺雜權桿條來楊極構棗槍楓櫃檸標棟欄樹樣橋夢檢欞橢樓欖檻橫歡歐殲殘毆毀畢斃氣匯漢汙湯溝沒淪滬濘淚瀉潑澤潔灑淺漿澆濁測濟瀏渾濃濤澇渦渙潤漲淵漬漸漁溫灣濕潰濺滾滿濾濫濱灘瀟潛瀾滅燈靈災燦爐燉點煉爍爛燭煙煩燒燙熱煥愛爺牘牽狀猶狽獨獅獄獵豬貓獻瑪環現璽瑣瓊電畫暢癤療瘧瘡瘋癰癢癡癱癮皚盞鹽監蓋盤瞇著睜瞞矯礦碼磚硯礎碩確礙禮禱禍離禿稈種積稱稅穌穩窮竊竅窯窩豎競篤筍筆籠築籌簽簡類糞糧緊糾紅纖約級紀緯純紗綱納縱紛紙紋紡線練組紳細織終絆紹繹經綁絨結繞繪給絢絡絕絞統絹繡繼績緒續繩維綿綢綜綻綠綴緩編緣縛縫纏縮繳網羅罰罷聾職聯聰肅腸膚腎腫脹脅膽勝膠脈臟臍腦膿腳脫臉臘膩騰輿艦艙艱艷藝節蕪蘆蒼蘇蘋繭薦蕩榮藥萊蓮獲瑩蘿螢營蕭藍藹虜慮虛蟲雖蝦蝕蟻螞蠻蠟蠅釁補襯襖襪裝褲見觀規視覽覺譽計訂認討讓訓議訊記講訝許論訟諷設訪證評識詐訴診詞譯試詩誠話詢該詳語誤誘說請諸諾讀課誰調諒談誼謀謊謂謎謝謠謹譜貝貞負貢財責賢敗賬貨質販貪貧購貫貼貴貸貿費賀賊資賭賞賜賠賴賺賽讚贈趙趕趨躍踐蹤躪車軌軒轉輪軟轟輕載轎較輔輛輩輝輸辭辯邊遼達遷過邁運還這進遠違連遲適選遜遞邏遺鄧郵鄰醬釀釋鑑針釣鈣鈍鈔鐘鋼鑰欽鉤鈕錢鑽鐵鈴鉛銅鋁銀鋪鏈銷鎖鍋鏽鋒銳錯錫鑼錘鍵鋸鎮鏡長門閃閉問闖閒間悶閘鬧聞閥閣閱隊陽陰陣階際陸陳陝險隨隱隸難雛霧靜韓頁頂項順須頑顧頓頒頌預領頗頻顆題顏額風飄飛飢飯飲飾飽飼餃餅館驅駁驢駛駐駕罵驕駱驗騎騙騷魚魯鮮鳥雞鳴鴨鵝麥黃齊齒齡龍龜盜盡囉";

    private const string FoldOnlySimplified = "发里面复脏恶价党几历台复姜干并斗朴涂范谷郁里";

    private const string FoldOnlyTraditional = "髮裏麵複髒噁價黨幾歷臺復薑乾並鬥樸塗範穀鬱裡";

    private static readonly Dictionary<char, char> TraditionalToSimplified = BuildFold();

    private static readonly HashSet<char> SimplifiedOnly = [.. Simplified];

    private static readonly HashSet<char> TraditionalOnly = [.. Traditional];

    public static int PairCount => Simplified.Length + FoldOnlySimplified.Length;

    public static char ToSimplified(char c) => TraditionalToSimplified.TryGetValue(c, out var s) ? s : c;

    /// <summary>Counts characters found only in Simplified and only in Traditional writing.</summary>
    public static (int Simplified, int Traditional) Count(ReadOnlySpan<char> text)
    {
        int s = 0, t = 0;
        foreach (var c in text)
        {
            if (c < '\u4E00')
            {
                continue;
            }

            if (SimplifiedOnly.Contains(c))
            {
                s++;
            }
            else if (TraditionalOnly.Contains(c))
            {
                t++;
            }
        }

        return (s, t);
    }

    private static Dictionary<char, char> BuildFold()
    {
        var map = new Dictionary<char, char>(Traditional.Length + FoldOnlyTraditional.Length);
        for (var i = 0; i < Traditional.Length; i++)
        {
            map[Traditional[i]] = Simplified[i];
        }

        for (var i = 0; i < FoldOnlyTraditional.Length; i++)
        {
            map[FoldOnlyTraditional[i]] = FoldOnlySimplified[i];
        }

        return map;
    }
}
