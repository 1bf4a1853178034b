/// Chorus's own stylesheet, in the spirit of the GOV.UK Design System: large readable type, a thick yellow
/// focus ring, error colour paired with text and a border (never colour alone), and logical properties so
/// right-to-left languages mirror correctly. Served at /assets/chorus.css.
enum Stylesheet {
    static let css = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-size:100%;-webkit-text-size-adjust:100%}
        body{margin:0;font-family:"Helvetica Neue",Arial,"Noto Sans","Noto Nastaliq Urdu",sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff}
        a{color:#1d70b8;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
        a:visited{color:#4c2c92}
        a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
        a:focus,button:focus,input:focus,select:focus,textarea:focus,[tabindex]:focus{outline:3px solid #ffdd00;outline-offset:0}
        a:focus{color:#0b0c0c;background:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none;outline:none}
        .skip-link{position:absolute;inset-inline-start:-9999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c}
        .skip-link:focus{inset-inline-start:0;z-index:10}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
        .header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
        .header-top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem 1.5rem;max-width:1100px;margin:0 auto;padding:.75rem 1rem}
        .brand{color:#fff;font-weight:700;font-size:1.75rem;text-decoration:none}
        .brand:visited,.header-link,.header-link:visited,.language-link,.language-link:visited{color:#fff}
        .header-account{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
        .signed-in{margin:0;font-size:1rem}
        .nav{background:#f3f2f1}
        .nav ul{display:flex;flex-wrap:wrap;gap:0 1.25rem;list-style:none;max-width:1100px;margin:0 auto;padding:.5rem 1rem}
        .nav a{display:inline-block;padding:.25rem 0;font-weight:700;color:#1d70b8}
        .nav a[aria-current=page]{color:#0b0c0c;text-decoration:none;border-bottom:4px solid #1d70b8}
        .main{display:block;max-width:1100px;margin:0 auto;padding:1.5rem 1rem 3rem}
        .narrow{max-width:40rem}
        .footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:1.5rem 0;font-size:1rem}
        .footer p{max-width:1100px;margin:.25rem auto;padding:0 1rem}
        .heading-xl{font-size:2.25rem;line-height:1.1;margin:0 0 1.5rem}
        .heading-m{font-size:1.5rem;margin:1.5rem 0 .75rem}
        .lead{font-size:1.5rem}
        .button{display:inline-block;position:relative;margin:0 0 1.5rem;padding:.5rem .75rem .45rem;border:2px solid transparent;border-radius:0;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;font-size:1.1875rem;font-weight:400;line-height:1.2;text-decoration:none;cursor:pointer;font-family:inherit}
        a.button,a.button:visited{color:#fff}
        .button:hover{background:#005a30;color:#fff}
        .button:focus{border-color:#ffdd00;outline:3px solid transparent;background:#ffdd00;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c}
        .button-secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
        a.button-secondary,a.button-secondary:visited{color:#0b0c0c}
        .button-secondary:hover{background:#dbdad9;color:#0b0c0c}
        .button-warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
        .button-warning:hover{background:#aa2a16}
        .header .button-secondary{margin:0}
        .inline-form{display:inline;margin:0}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem}
        .form-group{margin-bottom:1.5rem}
        .form-group-error{padding-inline-start:1rem;border-inline-start:5px solid #d4351c}
        .label{display:block;font-weight:700;margin-bottom:.25rem}
        .hint{color:#505a5f;margin-bottom:.25rem}
        .error-message{display:block;color:#d4351c;font-weight:700;margin:0 0 .5rem}
        .input,.select,.textarea{display:block;width:100%;max-width:100%;padding:.3rem;border:2px solid #0b0c0c;border-radius:0;font:inherit;background:#fff;color:#0b0c0c}
        .input{height:2.5rem}
        .select{height:2.5rem;width:auto;min-width:11em;max-width:100%}
        .input-10{max-width:12em}.input-20{max-width:22em}
        .input-error{border-color:#d4351c}
        .input:focus,.select:focus,.textarea:focus{outline:3px solid #ffdd00;box-shadow:inset 0 0 0 2px #0b0c0c}
        .checkbox{display:flex;gap:.5rem;align-items:flex-start;margin-bottom:1.5rem}.checkbox label,.radio label{flex:1 1 0;min-width:0;overflow-wrap:anywhere;padding-top:.1rem}
        .checkboxes .checkbox{margin-bottom:.5rem}
        .checkboxes-columns{columns:16rem auto}
        .checkboxes-columns .checkbox{break-inside:avoid}
        .fieldset{border:0;margin:0;padding:0;min-width:0}
        .legend{font-weight:700;font-size:1.1875rem;margin-bottom:.5rem;padding:0}
        .warning-panel{border-inline-start:10px solid #f47738;background:#fef5ee;padding:.75rem 1.25rem;margin:1.5rem 0}
        .summary-list{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.5rem 1.5rem;margin:0 0 2rem}
        .summary-list dt{font-weight:700}.summary-list dd{margin:0;min-width:0;overflow-wrap:anywhere}
        .hot{background:#fef5ee;font-weight:700}
        .calendar{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.95rem}
        .calendar th,.calendar td{border:1px solid #b1b4b6;vertical-align:top;padding:.25rem;height:6rem}
        .calendar .other-month{background:#f3f2f1;color:#505a5f}
        .calendar ul{list-style:none;margin:0;padding:0}
        .calendar li{margin-bottom:.25rem}
        .day-number{font-weight:700}
        .checkbox input,.radio input{flex:none;width:1.5rem;height:1.5rem;margin:.1rem 0 0}
        .error-summary{border:5px solid #d4351c;padding:1rem 1.25rem;margin-bottom:2rem}
        .error-summary:focus{outline:3px solid #ffdd00}
        .error-summary-title{font-size:1.5rem;margin:0 0 1rem}
        .error-summary-list{margin:0;padding-inline-start:0;list-style:none}
        .error-summary-list a{color:#d4351c;font-weight:700}
        .notice,.panel-confirm{border-inline-start:10px solid #00703c;background:#f3f2f1;padding:.75rem 1rem;margin-bottom:1.5rem}
        .notice p{margin:0;font-weight:700}
        .panel{border:1px solid #b1b4b6;padding:1rem 1.25rem;margin:2rem 0}
        .danger-zone{border-top:2px solid #b1b4b6;margin-top:2.5rem}
        .token-display code{display:inline-block;padding:.5rem;background:#f3f2f1;border:1px solid #b1b4b6;word-break:break-all;font-size:1rem}
        .filter-bar{display:flex;flex-wrap:wrap;align-items:flex-end;gap:0 1rem;background:#f3f2f1;padding:1rem 1rem 0;margin-bottom:1.5rem}
        .filter-bar .form-group{margin-bottom:1rem}
        .filter-bar .input{width:auto}
        .filter-actions{display:flex;align-items:center;gap:1rem;margin-bottom:1rem}
        .filter-actions .button{margin:0}
        .table-wrap{overflow-x:auto}
        .proposal-photo,.project-photo{display:block;max-width:100%;height:auto;margin:.5rem 0}
        .ward-maps{display:flex;flex-wrap:wrap;gap:1rem 2rem}.ward-map-wrap{margin-bottom:1.5rem;max-width:100%}.ward-map-wrap svg{max-width:100%;height:auto}
        .table{width:100%;border-collapse:collapse;margin-bottom:1.5rem;font-size:1rem}
        .table th,.table td{padding:.6rem .75rem .6rem 0;border-bottom:1px solid #b1b4b6;text-align:start;vertical-align:top}
        .table th{font-weight:700}
        .pager{margin:1rem 0 1.5rem}
        .pager-summary{margin:0 0 .5rem}
        .pager-links{display:flex;gap:1.5rem;list-style:none;padding:0;margin:0}
        .tag{display:inline-block;padding:.1rem .5rem;font-size:.875rem;font-weight:700;letter-spacing:.02em}
        .tag-grey{background:#eeefef;color:#383f43}
        .tag-red{background:#f4cdc6;color:#2a0b06}.tag-yellow{background:#fff7bf;color:#594d00}
        .venue-facts{list-style:none;padding:0;margin:0 0 1rem}.venue-facts li::before{content:"\\2713\\00a0";font-weight:700}
        .progress{display:block;width:100%;height:1.25rem;margin:.5rem 0;accent-color:#00703c}
        .back-link{display:inline-block;margin-bottom:1rem;color:#0b0c0c}
        .back-link:visited{color:#0b0c0c}
        .example{background:#f3f2f1;padding:.75rem;overflow-x:auto;font-size:.9rem}
        .plain-list{margin:0;padding-inline-start:1rem}
        .changes{margin:0}.changes dt{font-weight:700}.changes dd{margin:0 0 .25rem}
        .changes del{color:#942514}.changes ins{color:#005a30;text-decoration:none}
        .stat-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:1rem;list-style:none;padding:0}
        .stat{border:1px solid #b1b4b6;padding:1rem}
        .stat-number{display:block;font-size:2.25rem;font-weight:700}
        .empty{padding:1rem;background:#f3f2f1}
        .error-detail{font-weight:700}
        [dir=rtl] body{font-size:1.25rem}
        .reference{white-space:nowrap}
        @media (max-width:40em){.summary-list{grid-template-columns:1fr;gap:0 1rem}.summary-list dd{margin-bottom:.75rem}.heading-xl{font-size:1.75rem}.main{padding-top:1rem}.button{width:100%;text-align:center}.header .button,.filter-actions .button,.inline-form .button{width:auto}}
        @media print{.header,.nav,.footer,.filter-bar,.pager,.skip-link{display:none}}
        .radios .radio{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.25rem .5rem;margin-bottom:.5rem}
        .thread-stages{list-style:none;padding:0;margin:0 0 2rem;counter-reset:stage}
        .thread-stage{position:relative;border-inline-start:4px solid #b1b4b6;padding:0 0 1rem 1.25rem;margin:0}
        .thread-stage h3{margin:0 0 .25rem}.thread-status{margin:0 0 .5rem}.thread-named{margin:0 0 .5rem}
        .thread-steps{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.thread-steps .button,.thread-steps form{margin:0}
        .option-hint{flex-basis:100%;padding-inline-start:2rem}.caption{display:block;color:#505a5f;font-size:1.1rem}.legend-page h1{margin-top:.25rem}
        .insight-list{list-style:none;padding:0}.insight-card{border-bottom:1px solid #b1b4b6;padding:.75rem 0}.insight-meta{color:#505a5f;margin:.25rem 0}
        .quote{margin:0 0 1rem;padding:.5rem 1rem;border-inline-start:5px solid #b1b4b6;font-size:1.25rem}.details summary{cursor:pointer;color:#1d70b8;text-decoration:underline}
        .warning-critical strong{color:#d4351c}.warning-action{display:block}
        @media print{.header,.footer,.skip-link,.no-print,form,.back-link{display:none!important}body{font-size:12pt}a{color:#0b0c0c}.letter{break-after:page}}
        """
}
