/** The public pages other than the gallery's own: home, yearly results, feed. */
export const publicPages = {
  home: {
    title: 'Phong trào thi đua “Đẩy mạnh cải cách hành chính” trên báo chí',
    description:
      'Phong trào thi đua “Đẩy mạnh cải cách hành chính” của tỉnh Quảng Ninh trong khối báo chí, phát thanh, truyền hình: mô hình tiêu biểu, thời hạn của đợt thi đua và kết quả.',
    lead:
      'Kế hoạch số 40/KH-UBND ngày 19/02/2024 của Ủy ban nhân dân tỉnh Quảng Ninh phát động phong trào thi đua “Đẩy mạnh cải cách hành chính”. Với các cơ quan báo chí, phát thanh, truyền hình của tỉnh và Trung ương đóng trên địa bàn, cùng phóng viên, biên tập viên, phong trào ghi nhận:',
    aims: {
      propagation: 'tác phẩm trên mọi loại hình báo chí tuyên truyền nội dung cải cách hành chính;',
      models: 'bài giới thiệu mô hình, sáng kiến, giải pháp hay và tập thể, cá nhân điển hình;',
      shortcomings: 'bài phản ánh hạn chế, thiếu sót để kịp thời khắc phục;',
      initiatives: 'sáng kiến, cách làm hay trong công tác tuyên truyền cải cách hành chính.',
    },
    process:
      'Cơ quan chủ trì đợt thi đua cùng các đơn vị phối hợp chấm điểm và đề nghị khen thưởng, cơ quan thẩm định trình cấp có thẩm quyền quyết định. Các mô hình tiêu biểu được công bố để mọi người cùng tham khảo, nhân rộng.',
    campaignTitle: 'Đợt thi đua năm {year}',
    submissionOpens: 'Bắt đầu nhận tác phẩm',
    submissionCloses: 'Hạn nộp tác phẩm',
    scoringCloses: 'Hạn hoàn thành chấm điểm',
    nominationsDue: 'Hạn gửi hồ sơ đề nghị khen thưởng',
    resultsLink: 'Số liệu và kết quả năm {year}',
    noCampaign: 'Hiện chưa có đợt thi đua nào.',
    featured: 'Mô hình tiêu biểu',
    latest: 'Mới công bố',
    noneYet: 'Chưa có mô hình nào được công bố.',
    allModels: 'Xem tất cả mô hình tiêu biểu',
    feed: 'Nhận tin mô hình mới (RSS)',
  },
  card: {
    meta: '{organisation} · năm {year}',
    award: 'Khen thưởng: {award}',
  },
  results: {
    title: 'Kết quả phong trào thi đua năm {year}',
    description: 'Số liệu công khai của đợt thi đua năm {year}: số tác phẩm theo lĩnh vực, loại hình báo chí, cơ quan, và các tác phẩm được khen thưởng.',
    counted:
      'Chỉ tính các tác phẩm, sáng kiến đã được cơ quan báo chí xác nhận, kể cả đang chấm, đã chấm và đã vào danh sách đề nghị. Bản nháp, tác phẩm chờ xác nhận, bị trả lại hoặc đã rút không được tính.',
    total: 'Có {count} tác phẩm, sáng kiến được tính: {articles} tác phẩm báo chí và {initiatives} sáng kiến, cách làm hay.',
    none: 'Chưa có tác phẩm nào được xác nhận trong đợt này.',
    figures: 'Số liệu',
    count: 'Số tác phẩm',
    parAreaTitle: 'Số tác phẩm theo lĩnh vực cải cách hành chính',
    parAreaDesc: 'Biểu đồ cột ngang: {summary}. Một tác phẩm thuộc nhiều lĩnh vực được tính ở mỗi lĩnh vực.',
    parArea: 'Lĩnh vực',
    pressTypeTitle: 'Số tác phẩm báo chí theo loại hình',
    pressTypeDesc: 'Biểu đồ cột ngang: {summary}. Sáng kiến không có loại hình báo chí nên không được tính ở đây.',
    pressType: 'Loại hình báo chí',
    organisationTitle: 'Số tác phẩm theo cơ quan, đơn vị',
    organisationDesc: 'Biểu đồ cột ngang: {summary}.',
    organisation: 'Cơ quan, đơn vị',
    awarded: 'Tác phẩm, mô hình được khen thưởng',
    awardedNone: 'Chưa có tác phẩm nào của năm này được công bố kèm hình thức khen thưởng.',
    awardedCaption: 'Tác phẩm, mô hình được khen thưởng năm {year}',
    work: 'Tác phẩm, mô hình',
    award: 'Hình thức khen thưởng',
    toGallery: 'Xem các mô hình tiêu biểu năm {year}',
  },
  feed: {
    title: 'Mô hình tiêu biểu – Giải báo chí CCHC Quảng Ninh',
    description: 'Các mô hình, sáng kiến và tác phẩm báo chí tiêu biểu về cải cách hành chính vừa được công bố.',
  },
};
