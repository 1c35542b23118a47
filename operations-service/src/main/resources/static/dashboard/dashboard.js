// The operations dashboard: every figure is read from the operations API with the user's bearer token; nothing is
// computed here that the API does not say (the page only lays it out). After each render the page writes what it
// shows into data-* attributes (body[data-state], data-rendered on each chart), so a browser test can read them.
(function () {
    'use strict';

    const TOKEN_KEY = 'aima.operations.token';
    const REFRESH_SECONDS = 20;
    const OLDEST_PER_QUEUE = 3;
    const charts = {};
    let timer = null;

    const $ = (id) => document.getElementById(id);

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([key, value]) => {
            if (key === 'className') {
                node.className = value;
            } else {
                node.setAttribute(key, value);
            }
        });
        children.flat().forEach((child) => {
            node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
        });
        return node;
    }

    function table(id, head, rows, numericFrom) {
        const from = numericFrom == null ? head.length : numericFrom;
        const target = $(id);
        target.replaceChildren(
            el('thead', {}, el('tr', {}, head.map((h, i) => el('th', i >= from ? {className: 'num'} : {}, h)))),
            el('tbody', {}, rows.map((row) => el('tr', row.attributes || {},
                row.cells.map((cell, i) => el('td', i >= from ? {className: 'num'} : {}, cell))))));
    }

    function status(text, error) {
        $('status').textContent = text;
        $('status').className = error ? 'status error' : 'status';
    }

    function token() {
        return sessionStorage.getItem(TOKEN_KEY);
    }

    class Unauthorized extends Error {}

    async function api(path) {
        const response = await fetch(path, {headers: {Authorization: 'Bearer ' + token(), Accept: 'application/json'}});
        if (response.status === 401 || response.status === 403) {
            throw new Unauthorized(response.status === 401
                ? 'The token was refused (expired, or not from the trusted issuer). Give a new one.'
                : 'The token\'s roles may not read the operations figures (OPERATIONS or AUDITOR needed).');
        }
        if (!response.ok) {
            const error = new Error(path + ': HTTP ' + response.status);
            error.status = response.status;
            throw error;
        }
        return response.json();
    }

    function chart(id, option) {
        if (!charts[id]) {
            charts[id] = echarts.init($(id), null, {renderer: 'canvas'});
        }
        charts[id].setOption(option, true);
        $(id).setAttribute('data-rendered', String(Date.now()));
    }

    function shortId(id) {
        return String(id).slice(0, 8);
    }

    function caseLabel(item) {
        return item.legacyNumber ? item.legacyNumber : shortId(item.caseId);
    }

    function days(value) {
        return value == null ? '-' : Number(value).toFixed(1);
    }

    // ---- the sections

    function renderBacklog(backlog) {
        $('tile-total').textContent = backlog.total;
        $('tile-open').textContent = backlog.open;
        $('tile-decided').textContent = backlog.decided;
        $('age-basis').textContent = 'Age: ' + backlog.ageBasis + '. Counted at ' + backlog.computedAt + '.';

        const stages = Object.keys(backlog.byStageAndAge);
        const ages = Object.keys(backlog.byAge);
        chart('stage-age-chart', {
            tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
            legend: {top: 0},
            grid: {left: 40, right: 10, top: 40, bottom: 60},
            xAxis: {type: 'category', data: stages, axisLabel: {interval: 0, rotate: 20, fontSize: 10}},
            yAxis: {type: 'value', minInterval: 1},
            series: ages.map((age) => ({
                name: age, type: 'bar', stack: 'age',
                data: stages.map((stage) => backlog.byStageAndAge[stage][age]),
            })),
        });
        const rows = stages.map((stage) => ({
            attributes: {'data-stage': stage, 'data-count': backlog.byStage[stage]},
            cells: [stage, ...ages.map((age) => backlog.byStageAndAge[stage][age]), backlog.byStage[stage]],
        }));
        rows.push({
            attributes: {className: 'total', 'data-stage': 'TOTAL', 'data-count': backlog.total},
            cells: ['Total', ...ages.map((age) => backlog.byAge[age]), backlog.total],
        });
        table('stage-age-table', ['Stage', ...ages, 'Total'], rows, 1);
    }

    function renderForecast(view) {
        const f = view.forecast;
        const pace = f.recent.decidedPerWorkingDay;
        $('tile-pace').textContent = pace == null ? '-' : pace;
        $('tile-zero').textContent = f.atRecentPace.backlogZeroOn || '-';
        const target = f.targetDate;
        $('forecast-note').textContent = 'Open now: ' + f.open + '. Recent output: ' + f.recent.decided
            + ' decisions over ' + f.recent.workingDays + ' working days (' + f.recent.from + ' to ' + f.recent.to
            + '). At that pace the backlog reaches zero on ' + (f.atRecentPace.backlogZeroOn || 'no date ('
                + (f.atRecentPace.note || 'no output') + ')')
            + (target ? '; target: zero by ' + target.backlogZeroBy + ' (' + (target.onTrack ? 'on track' : 'behind')
                + ', ' + (target.decisionsPerWorkingDayNeeded == null ? '-' : target.decisionsPerWorkingDayNeeded)
                + ' decisions per working day needed).' : '.');

        const dates = f.days.map((day) => day.date);
        const open = f.days.map((day) => day.openAtEnd);
        const projected = dates.map(() => null);
        const zeroOn = f.atRecentPace.backlogZeroOn;
        if (zeroOn && zeroOn > f.asOf) {
            // the line from today's open cases down to zero on the forecast date
            projected[projected.length - 1] = f.open;
            dates.push(zeroOn);
            open.push(null);
            projected.push(0);
        }
        chart('burndown-chart', {
            tooltip: {trigger: 'axis'},
            legend: {top: 0},
            grid: {left: 40, right: 40, top: 40, bottom: 40},
            xAxis: {type: 'category', data: dates},
            yAxis: [{type: 'value', name: 'open', minInterval: 1}, {type: 'value', name: 'per day', minInterval: 1, splitLine: {show: false},
                // the daily bars stay in the lower third, under the burn-down line
                max: (extent) => Math.max(3, Math.ceil(extent.max * 3))}],
            series: [
                {name: 'Open cases', type: 'line', data: open, connectNulls: false, symbolSize: 4},
                {name: 'Forecast at recent pace', type: 'line', data: projected, connectNulls: true,
                    lineStyle: {type: 'dashed'}, symbolSize: 4},
                {name: 'Decided', type: 'bar', yAxisIndex: 1, data: f.days.map((day) => day.decided)},
                {name: 'Registered', type: 'bar', yAxisIndex: 1, data: f.days.map((day) => day.registered)},
            ],
        });
        $('burndown-chart').setAttribute('data-open', f.open);
        $('burndown-chart').setAttribute('data-zero-on', zeroOn || '');
        $('burndown-chart').setAttribute('data-days', f.days.length);
    }

    async function renderQueues() {
        const queues = await api('/operations/queues');
        const oldest = await Promise.all(queues.map((queue) => queue.length > 0
            ? api('/operations/queues/' + encodeURIComponent(queue.queue) + '?size=' + OLDEST_PER_QUEUE)
            : Promise.resolve({content: []})));
        table('queues-table', ['Queue', 'Most urgent first', 'Length'], queues.map((queue, i) => ({
            attributes: {'data-queue': queue.queue, 'data-length': queue.length},
            cells: [
                el('span', {title: queue.description}, queue.queue),
                el('span', {}, oldest[i].content.map((item) => el('div', {}, describe(item)))),
                queue.length,
            ],
        })), 2);
    }

    const CASE_FIELDS = new Set(['caseId', 'region', 'legacyNumber', 'submittedOn', 'origin', 'stage']);

    /** One queue item: the case, then what makes it urgent (the item's own facts). */
    function describe(item) {
        const facts = Object.entries(item)
            .filter(([key, value]) => !CASE_FIELDS.has(key) && value != null && typeof value !== 'object'
                && !/Id$/.test(key))
            .slice(0, 3)
            .map(([key, value]) => key + ' ' + value);
        return caseLabel(item) + ' (' + (item.region || '-') + ')' + (facts.length ? ': ' + facts.join(', ') : '');
    }

    function renderTimes(times) {
        $('times-note').textContent = times.cases + ' cases decided in the last ' + times.windowDays
            + ' days; ' + times.percentileMethod + '.';
        const stages = Object.keys(times.stages);
        const figures = stages.map((stage) => times.overall.stages[stage]
            || {cases: 0, p50Days: null, p80Days: null, p93Days: null});
        chart('times-chart', {
            tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
            legend: {top: 0},
            grid: {left: 40, right: 10, top: 35, bottom: 30},
            xAxis: {type: 'category', data: stages, axisLabel: {fontSize: 9, interval: 0}},
            yAxis: {type: 'value', name: 'days'},
            series: ['p50Days', 'p80Days', 'p93Days'].map((p) => ({
                name: p.slice(0, 3), type: 'bar', data: figures.map((figure) => figure[p]),
            })),
        });
        const rows = stages.map((stage, i) => ({
            attributes: {'data-stage': stage},
            cells: [el('span', {title: times.stages[stage]}, stage), figures[i].cases, days(figures[i].p50Days),
                days(figures[i].p80Days), days(figures[i].p93Days)],
        }));
        const registrationToDecision = stages[0];
        Object.entries(times.byRegion).forEach(([region, fig]) => rows.push(byDimension('region ' + region,
            fig.stages[registrationToDecision])));
        Object.entries(times.byOrigin).forEach(([origin, fig]) => rows.push(byDimension('origin ' + origin,
            fig.stages[registrationToDecision])));
        table('times-table', ['Stage', 'Cases', 'p50', 'p80', 'p93'], rows, 1);
    }

    function byDimension(label, figure) {
        return {
            attributes: {'data-dimension': label},
            cells: [label + ' (registration to decision)', figure ? figure.cases : 0, days(figure && figure.p50Days),
                days(figure && figure.p80Days), days(figure && figure.p93Days)],
        };
    }

    function renderDeadlines(view) {
        $('tile-breached').textContent = view.breached;
        $('deadlines-table').setAttribute('data-breached', view.breached);
        const breached = view.content.filter((item) => item.breached);
        $('deadlines-note').textContent = view.breached + ' undecided cases are past their legal deadline today ('
            + view.asOf + ')' + (view.breached > breached.length ? '; the ' + breached.length + ' longest breached:'
                : '.');
        table('deadlines-table', ['Case', 'Region', 'Stage', 'Deadline', 'Extended', 'Days late'],
            breached.map((item) => ({
                attributes: {'data-case': item.caseId},
                cells: [caseLabel(item), item.region, item.stage, item.deadline, item.extended ? 'yes' : 'no',
                    el('span', {className: 'breached'}, -item.daysLeft)],
            })), 5);
    }

    /**
     * Every service's projections and their lag (operations-service asks each service's /operations/projections with
     * this page's token; a service that does not answer is shown as unreachable), and this service's read models with
     * the archive they are rebuilt from.
     */
    async function renderProjections() {
        const services = await api('/operations/platform/projections');
        const rows = [];
        services.forEach((service) => {
            if (!service.reachable) {
                rows.push({
                    attributes: {'data-service': service.service, 'data-status': 'UNREACHABLE'},
                    cells: [service.service, '—', el('span', {className: 'breached'}, 'UNREACHABLE'),
                        service.problem || '', ''],
                });
                return;
            }
            service.projections.forEach((p) => rows.push({
                attributes: {'data-service': service.service, 'data-projection': p.name, 'data-status': p.status},
                cells: [service.service, p.name, el('span', p.status === 'UP' ? {} : {className: 'breached'}, p.status),
                    p.lagEvents, p.lagSeconds],
            }));
        });
        const section = $('projections-table');
        section.hidden = rows.length === 0;
        table('projections-table', ['Service', 'Projection', 'Status', 'Lag (events)', 'Lag (seconds)'], rows, 3);
        const unreachable = services.filter((service) => !service.reachable).map((service) => service.service);
        const view = await api('/operations/read-models');
        $('projections-note').textContent = (unreachable.length ? 'Not answering: ' + unreachable.join(', ') + '. ' : '')
            + 'Archived events: ' + view.archivedEvents + '; every read model is rebuilt from '
            + view.source.join(', ') + '.';
        table('read-models-table', ['Read-model table', 'Rows'],
            Object.entries(view.tables).map(([name, t]) => ({
                attributes: {'data-table': name}, cells: [name, t.rows],
            })), 1);
    }

    // ---- the cycle

    async function refresh() {
        if (!token()) {
            return;
        }
        status('Refreshing...');
        try {
            const [backlog, forecast, times, deadlines] = await Promise.all([
                api('/operations/backlog?rows=false'),
                api('/operations/forecast'),
                api('/operations/processing-times'),
                api('/operations/deadlines?breachingWithinDays=0&size=20'),
            ]);
            showDashboard();
            renderBacklog(backlog);
            renderForecast(forecast);
            renderTimes(times);
            renderDeadlines(deadlines);
            await renderQueues();
            await renderProjections();
            const now = new Date();
            $('refreshed').textContent = 'Updated ' + now.toLocaleTimeString();
            status('Up to date');
            document.body.setAttribute('data-state', 'ready');
            document.body.setAttribute('data-refreshed-at', now.toISOString());
        } catch (e) {
            if (e instanceof Unauthorized) {
                signOut(e.message);
            } else {
                status('Could not refresh: ' + e.message + ' (retrying)', true);
                document.body.setAttribute('data-state', 'error');
            }
        }
    }

    function showDashboard() {
        $('sign-in').hidden = true;
        $('dashboard').hidden = false;
        Object.values(charts).forEach((c) => c.resize());
    }

    function signOut(message) {
        sessionStorage.removeItem(TOKEN_KEY);
        clearInterval(timer);
        timer = null;
        $('dashboard').hidden = true;
        $('sign-in').hidden = false;
        document.body.setAttribute('data-state', 'signed-out');
        status(message || 'Not signed in', Boolean(message));
    }

    function start() {
        clearInterval(timer);
        refresh();
        timer = setInterval(refresh, REFRESH_SECONDS * 1000);
    }

    document.addEventListener('DOMContentLoaded', () => {
        $('refresh-seconds').textContent = REFRESH_SECONDS;
        $('token-form').addEventListener('submit', (event) => {
            event.preventDefault();
            const given = $('token').value.trim().replace(/^Bearer\s+/i, '');
            if (!given) {
                status('Paste a token first', true);
                return;
            }
            sessionStorage.setItem(TOKEN_KEY, given);
            $('token').value = '';
            start();
        });
        $('refresh-now').addEventListener('click', refresh);
        $('sign-out').addEventListener('click', () => signOut());
        window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
        if (token()) {
            start();
        }
    });
})();
